/** The elevator subgraph as a real Apollo subgraph server over the adapter and the real stand-in. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { type ElevatorAdapter, createElevatorAdapter } from '../../adapters/elevator/index.ts';
import { prepareElevator, startElevatorStandIn, type RunningElevatorStandIn } from '../../legacy/elevator/index.ts';
import { TEST_AS_OF, elevatorTestWorld, testBoilerCode } from '../../legacy/elevator/test-world.ts';
import type { RunningHttpServer } from '../../runtime/apollo-http.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { startSubgraph } from '../common/server.ts';
import { createElevatorSubgraph } from './index.ts';

const APP = { appKey: 'graph', appSecret: 'subgraph-test-secret' };
const world = elevatorTestWorld();
const codes = world.elevators.map((e) => e.registrationCode);
const logger = createLogger({ level: 'silent', name: 'test' });
const recorder = new CallRecorder();
let dir: string;
let platform: RunningElevatorStandIn;
const running: { adapter: ElevatorAdapter; server: RunningHttpServer }[] = [];

async function serve(batchLimit: number): Promise<string> {
  const adapter = createElevatorAdapter({ url: platform.url, ...APP, timeoutMs: 2000, logger, observers: [recorder.observer], batchLimit });
  const server = await startSubgraph(createElevatorSubgraph({ adapter, clock: fixedClock(`${TEST_AS_OF}T18:00:00+08:00`) }), { host: '127.0.0.1', port: 0, logger });
  running.push({ adapter, server });
  return server.url;
}

let url: string;
let url50: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-subgraph-'));
  prepareElevator(world, dir);
  const path = join(dir, 'elevators.json');
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { cs: unknown }[];
  stored[7]!.cs = '十二层';
  writeFileSync(path, JSON.stringify(stored));
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  url = await serve(100);
  url50 = await serve(50);
});
afterEach(() => platform.setFaults({ outage: false }));
afterAll(async () => {
  for (const r of running) {
    await r.server.stop();
    r.adapter.close();
  }
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function gql(target: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

const PAGE_OF_EQUIPMENT = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { code elevator {
  registrationCode floors maintainer { uscc } lastMaintenance { date kind signedBy { number } } maintenanceOverdue } } } }`;
const reps = (list: readonly string[]) => list.map((code) => ({ __typename: 'Equipment', code }));

describe('a page of 100 elevators through Equipment references', () => {
  it('costs one platform call per batch chunk per field', async () => {
    recorder.clear();
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps(codes.slice(100, 200)) });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(100);
    expect(recorder.calls.map((c) => [c.operation, c.keys]).sort()).toEqual([['elevatorBatch', 100], ['lastMaintenanceBatch', 100]]);

    recorder.clear();
    await gql(url50, PAGE_OF_EQUIPMENT, { reps: reps(codes.slice(100, 200)) });
    expect(recorder.count('elevator', 'elevatorBatch')).toBe(2);
    expect(recorder.count('elevator', 'lastMaintenanceBatch')).toBe(2);
  });

  it('answers the profile, overdue judgement and certificate links from the platform', async () => {
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps([codes[1]!, codes[5]!, codes[7]!, codes.at(-1)!, testBoilerCode(), '123']) });
    const [fresh, overdue, malformed, never, boiler, bad] = result.data._entities;
    expect(fresh.elevator).toEqual({
      registrationCode: codes[1], floors: 7, maintainer: { uscc: world.elevators[1]!.maintainerUscc },
      lastMaintenance: { date: '2026-11-16', kind: 'HALF_MONTHLY', signedBy: [{ number: 'TZT-310000000101' }, { number: 'TZT-310000000201' }] },
      maintenanceOverdue: false,
    });
    expect(overdue.elevator).toMatchObject({ lastMaintenance: { date: '2026-10-31' }, maintenanceOverdue: true });
    expect(never.elevator).toMatchObject({ lastMaintenance: null, maintenanceOverdue: true });
    expect(boiler).toEqual({ code: testBoilerCode(), elevator: null });
    expect(bad).toEqual({ code: '123', elevator: null });
    // The malformed record fails alone, with the taxonomy code and the system named.
    expect(malformed.elevator).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['_entities', 2, 'elevator'], extensions: { code: 'LEGACY_BAD_DATA', system: 'elevator', key: codes[7] } });
  });

  it('gives an on-demand elevator with monitoring and insurance the longer interval', async () => {
    // Elevator 0 is on demand, last maintained 20 days ago: within 30, beyond 15.
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps([codes[0]!, codes[5]!]) });
    expect(result.data._entities.map((e: any) => e.elevator.maintenanceOverdue)).toEqual([false, true]);
  });
});

describe('connections', () => {
  it('pages maintenance records with dates and alarms by kind', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { elevator {
      maintenanceRecords(first: 2, from: "2026-10-03") { totalCount nodes { date company { uscc } } pageInfo { hasNextPage endCursor } }
      alarms(first: 5, kind: ENTRAPMENT) { totalCount nodes { kind raisedAt arrivalMinutes equipment { code } } } } } } }`;
    const result = await gql(url, query, { reps: reps([codes[1]!, codes[0]!]) });
    expect(result.errors).toBeUndefined();
    const [one, zero] = result.data._entities;
    expect(one.elevator.maintenanceRecords).toMatchObject({ totalCount: 3, nodes: [{ date: '2026-11-16' }, { date: '2026-11-01' }], pageInfo: { hasNextPage: true } });
    expect(zero.elevator.alarms).toEqual({ totalCount: 1, nodes: [{ kind: 'ENTRAPMENT', raisedAt: '2026-11-20T12:00:00+08:00', arrivalMinutes: null, equipment: { code: codes[0] } }] });
  });

  it("lists an enterprise's maintained and used elevators", async () => {
    const maintainer = world.elevators[0]!.maintainerUscc;
    const user = world.elevators[0]!.userUscc;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc
      maintainedElevators(first: 3) { totalCount nodes { maintainer { uscc } } } usedElevators(first: 0) { totalCount } } } }`;
    const result = await gql(url, query, { reps: [{ __typename: 'Enterprise', uscc: maintainer }, { __typename: 'Enterprise', uscc: user }] });
    const [m, u] = result.data._entities;
    expect(m.maintainedElevators.totalCount).toBe(world.elevators.filter((e) => e.maintainerUscc === maintainer).length);
    expect(m.maintainedElevators.nodes).toHaveLength(3);
    expect(u.usedElevators.totalCount).toBe(world.elevators.filter((e) => e.userUscc === user).length);
  });

  it('refuses an oversized page with BAD_USER_INPUT', async () => {
    const result = await gql(url, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { maintainedElevators(first: 500) { totalCount } } } }`, { reps: [{ __typename: 'Enterprise', uscc: world.elevators[0]!.maintainerUscc }] });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('platform down', () => {
  it('answers null with LEGACY_UNAVAILABLE naming the elevator system', async () => {
    platform.setFaults({ outage: true });
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps([codes[1]!]) });
    expect(result.data._entities[0].elevator).toBeNull();
    expect(result.errors![0].extensions).toEqual({ code: 'LEGACY_UNAVAILABLE', system: 'elevator' });
  });
});
