/**
 * The elevator and permit subgraphs composed behind the real gateway: a maintenance record signed with
 * a certificate number the permit system does not hold (the very thing certificate lending looks like)
 * shows that certificate as null and its number as signed, and the rest of the elevator's file is served.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryPermitPort } from '../../adapters/permit/memory.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { type RunningGateway, startGateway } from '../../gateway/server.ts';
import { formatCertificateNumber } from '../../reference/index.ts';
import { fixedClock } from '../../runtime/clock.ts';
import type { RunningHttpServer } from '../../runtime/apollo-http.ts';
import { createLogger } from '../../runtime/logger.ts';
import { subgraphSdl } from '../../graph/sdl.ts';
import { startSubgraph } from '../common/server.ts';
import { createPermitSubgraph } from '../permit/index.ts';
import { type ElevatorStack, postGraphql, startElevatorStack } from '../../test/support/elevator/stack.ts';
import { TEST_GATEWAY_ENV, TEST_TRUST } from '../../test/support/callers.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
let stack: ElevatorStack;
let permit: RunningHttpServer;
let gateway: RunningGateway;
let dir: string;
/** The permit system holds the first signer of every record (T-100…) but none of the second (T-200…). */
const HELD = new Set(Array.from({ length: 20 }, (_, i) => formatCertificateNumber('T', 100 + i)));

beforeAll(async () => {
  stack = await startElevatorStack();
  const elevatorUrl = await stack.serve();
  const certificates = [...HELD].map((number) => ({
    number,
    item: 'T',
    holderName: '张三',
    holderIdNumber: '310101********1234',
    employerUscc: stack.world.elevators[0]!.maintainerUscc,
    issuedOn: '2024-01-01',
    expiresOn: '2028-01-01',
    suspension: null,
  }));
  const port = new InMemoryPermitPort({ licences: [], certificates, spotChecks: [] });
  permit = await startSubgraph(
    createPermitSubgraph({ adapter: port, clock: fixedClock('2026-11-20T18:00:00+08:00') }),
    { host: '127.0.0.1', port: 0, logger, trust: TEST_TRUST },
  );
  const composed = composeServices([
    { name: 'elevator', url: elevatorUrl, typeDefs: parse(subgraphSdl('elevator')) },
    { name: 'permit', url: permit.url, typeDefs: parse(subgraphSdl('permit')) },
  ]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-permit-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  gateway = await startGateway(
    readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      LOG_LEVEL: 'silent',
    }),
    logger,
  );
});
afterAll(async () => {
  await gateway?.stop();
  await permit?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an elevator file whose maintenance was signed with an unknown certificate', () => {
  it('shows that certificate as null with its number as signed, and serves the rest', async () => {
    const code = stack.world.elevators[0]!.registrationCode;
    const result = await postGraphql(
      gateway.url,
      `{ elevator(registrationCode: "${code}") {
      registrationCode lastMaintenance { date signedCertificateNumbers signedBy { number valid employer { uscc } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const last = result.data.elevator.lastMaintenance;
    expect(last.signedCertificateNumbers).toHaveLength(2);
    const [known, unknown] = last.signedCertificateNumbers as string[];
    expect(HELD.has(known!)).toBe(true);
    expect(HELD.has(unknown!)).toBe(false);
    expect(last.signedBy).toEqual([
      { number: known, valid: true, employer: { uscc: stack.world.elevators[0]!.maintainerUscc } },
      null,
    ]);
  });
});
