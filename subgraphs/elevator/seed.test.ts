/**
 * Against the seed's own world (test scale): every elevator reaches the graph intact through the
 * stand-in and the adapter, and the overdue search finds the maintenance gaps the seed planted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ElevatorAdapter, createElevatorAdapter } from '../../adapters/elevator/index.ts';
import { prepareElevator, startElevatorStandIn, type RunningElevatorStandIn } from '../../legacy/elevator/index.ts';
import { generateWorld, plantedIn } from '../../legacy/seed/generate.ts';
import type { World } from '../../legacy/seed/world.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { createElevatorSubgraph } from './index.ts';

interface OverduePage {
  nodes: { registrationCode: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

const APP = { appKey: 'seed-test', appSecret: 'seed-test-secret' };
const logger = createLogger({ level: 'silent', name: 'test' });
let world: World;
let dir: string;
let platform: RunningElevatorStandIn;
let adapter: ElevatorAdapter;

beforeAll(async () => {
  world = generateWorld({ scale: 'test' });
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-seed-'));
  prepareElevator(world, dir);
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  adapter = createElevatorAdapter({ url: platform.url, ...APP, timeoutMs: 5000, logger });
});
afterAll(async () => {
  adapter?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the seed world through the elevator platform', () => {
  it('serves every registered elevator intact, with its newest maintenance date', async () => {
    const deleted = new Set(world.equipment.filter((e) => e.deleted).map((e) => e.registrationCode));
    const codes = world.elevators.map((e) => e.registrationCode);
    const profiles = await adapter.elevatorsByCode(codes);
    const last = await adapter.lastMaintenanceByCode(codes);
    const newest = new Map<string, string>();
    for (const m of world.maintenance) if ((newest.get(m.registrationCode) ?? '') < m.date) newest.set(m.registrationCode, m.date);
    world.elevators.forEach((e, i) => {
      const profile = profiles[i];
      if (deleted.has(e.registrationCode)) return expect(profile).toBeNull();
      expect(profile).toMatchObject({ registrationCode: e.registrationCode, qrId: e.qrId, floors: e.floors, speed: e.speed, installedOn: e.installedOn, maintainerUscc: e.maintainerUscc, onDemand: e.onDemand });
      expect(last[i] === null ? null : (last[i] as { date: string }).date).toBe(newest.get(e.registrationCode) ?? null);
    });
  });

  it('finds the planted overdue elevators (on-demand ones aside: eligibility is simplified here)', async () => {
    const definition = createElevatorSubgraph({ adapter, clock: fixedClock(`${world.asOf}T18:00:00+08:00`), logger });
    const server = createSubgraphServer(definition, logger);
    try {
      const found: string[] = [];
      for (let after: string | null = null; ; ) {
        const response: Awaited<ReturnType<typeof server.executeOperation>> = await server.executeOperation(
          { query: `query($after: String) { elevators(filter: { maintenanceOverdue: true }, first: 100, after: $after) { nodes { registrationCode } pageInfo { hasNextPage endCursor } } }`, variables: { after } },
          { contextValue: createContext(definition, logger, 'seed') },
        );
        const page: OverduePage = (response.body as { singleResult: { data: { elevators: OverduePage } } }).singleResult.data.elevators;
        found.push(...page.nodes.map((n) => n.registrationCode));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const planted = new Set(plantedIn(world)!.overdueMaintenance);
      const onDemand = new Set(world.elevators.filter((e) => e.onDemand).map((e) => e.registrationCode));
      expect(planted.size).toBeGreaterThan(0);
      expect(found.filter((c) => !planted.has(c))).toEqual([]);
      expect([...planted].filter((c) => !found.includes(c) && !onDemand.has(c))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
