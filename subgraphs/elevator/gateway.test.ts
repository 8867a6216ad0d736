/**
 * The elevator subgraph behind the real gateway (supergraph composed from schema/elevator.graphql in
 * the test): root search, nested lookups and district statistics across the federation path, the
 * platform's failure reaching the client with its taxonomy code, and the platform calls of a page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.ts';
import { TEST_GATEWAY_ENV } from '../../test/support/callers.ts';
import { type RunningGateway, startGateway } from '../../gateway/server.ts';
import { createLogger } from '../../runtime/logger.ts';
import { subgraphSdl } from '../../graph/sdl.ts';
import { type ElevatorStack, postGraphql, startElevatorStack } from '../../test/support/elevator/stack.ts';

let stack: ElevatorStack;
let gateway: RunningGateway;
let dir: string;

beforeAll(async () => {
  stack = await startElevatorStack();
  const url = await stack.serve();
  const composed = composeServices([{ name: 'elevator', url, typeDefs: parse(subgraphSdl('elevator')) }]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-gateway-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  gateway = await startGateway(
    readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      LOG_LEVEL: 'silent',
    }),
    createLogger({ level: 'silent', name: 'test' }),
  );
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('elevator subgraph through the gateway', () => {
  it('serves a 100-elevator page with maintainer and last maintenance in two platform calls', async () => {
    stack.recorder.clear();
    const result = await postGraphql(
      gateway.url,
      `{ elevators(first: 100, after: null) { totalCount nodes { registrationCode maintainer { uscc } lastMaintenance { date } maintenanceOverdue } } }`,
    );
    expect(result.data.elevators.totalCount).toBe(stack.world.elevators.length);
    expect(result.data.elevators.nodes).toHaveLength(100);
    // The planted malformed record (index 7) is one null node with LEGACY_BAD_DATA, nothing more.
    expect(result.data.elevators.nodes.filter((n: unknown) => n === null)).toHaveLength(1);
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['LEGACY_BAD_DATA']);
    expect(stack.recorder.calls.map((c) => c.operation).sort()).toEqual(['elevatorPage', 'lastMaintenanceBatch']);
  });

  it('answers district statistics and recent entrapments', async () => {
    const result = await postGraphql(
      gateway.url,
      `{
      elevators(filter: { district: "310106", maintenanceOverdue: true }, first: 5) { totalCount nodes { district { code elevatorStatistics { total overdueMaintenance refreshedAt } } } }
      recentAlarms(filter: { kind: ENTRAPMENT }, first: 3) { totalCount nodes { kind equipment { code } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const stats = result.data.elevators.nodes[0].district.elevatorStatistics;
    const jingan = stack.world.equipment.filter((e) => e.district === '310106' && e.catalogueCode.startsWith('3'));
    expect(stats.total).toBe(jingan.length);
    expect(result.data.elevators.totalCount).toBe(stats.overdueMaintenance);
    expect(result.data.recentAlarms.nodes.every((a: { kind: string }) => a.kind === 'ENTRAPMENT')).toBe(true);
  });

  it('passes BAD_USER_INPUT and the platform outage (LEGACY_UNAVAILABLE, system elevator) to the client', async () => {
    const bad = await postGraphql(
      gateway.url,
      `{ elevators(filter: { maintainer: "91310000132260250Y" }) { totalCount } }`,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.maintainer' });
    stack.platform.setFaults({ outage: true });
    try {
      const down = await postGraphql(gateway.url, `{ recentAlarms { totalCount } }`);
      expect(down.errors![0].extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'elevator' });
    } finally {
      stack.platform.setFaults({ outage: false });
    }
  });
});
