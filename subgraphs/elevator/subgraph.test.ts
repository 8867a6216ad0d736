/** The elevator subgraph as a real Apollo subgraph server over the adapter and the real stand-in. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testBoilerCode } from '../../test/support/elevator/hand-world.ts';
import {
  CORRUPT_ELEVATOR,
  type ElevatorStack,
  postGraphql as gql,
  startElevatorStack,
} from '../../test/support/elevator/stack.ts';

let stack: ElevatorStack;
let codes: string[];
let url: string;
let url50: string;

beforeAll(async () => {
  stack = await startElevatorStack();
  codes = stack.world.elevators.map((e) => e.registrationCode);
  url = await stack.serve({ batchLimit: 100 });
  url50 = await stack.serve({ batchLimit: 50 });
});
afterEach(() => stack.platform.setFaults({ outage: false }));
afterAll(() => stack?.stop());

const PAGE_OF_EQUIPMENT = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { code elevator {
  registrationCode floors maintainer { uscc } lastMaintenance { date kind signedBy { number } } maintenanceOverdue } } } }`;
const reps = (list: readonly string[]) => list.map((code) => ({ __typename: 'Equipment', code }));

describe('a page of 100 elevators through Equipment references', () => {
  it('costs one platform call per batch chunk per field', async () => {
    stack.recorder.clear();
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps(codes.slice(100, 200)) });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(100);
    expect(stack.recorder.calls.map((c) => [c.operation, c.keys]).sort()).toEqual([
      ['elevatorBatch', 100],
      ['lastMaintenanceBatch', 100],
    ]);

    stack.recorder.clear();
    await gql(url50, PAGE_OF_EQUIPMENT, { reps: reps(codes.slice(100, 200)) });
    expect(stack.recorder.count('elevator', 'elevatorBatch')).toBe(2);
    expect(stack.recorder.count('elevator', 'lastMaintenanceBatch')).toBe(2);
  });

  it('answers the profile, overdue judgement and certificate links from the platform', async () => {
    const result = await gql(url, PAGE_OF_EQUIPMENT, {
      reps: reps([codes[1]!, codes[5]!, codes[CORRUPT_ELEVATOR]!, codes.at(-1)!, testBoilerCode(), '123']),
    });
    const [fresh, overdue, malformed, never, boiler, bad] = result.data._entities;
    expect(fresh.elevator).toEqual({
      registrationCode: codes[1],
      floors: 7,
      maintainer: { uscc: stack.world.elevators[1]!.maintainerUscc },
      lastMaintenance: {
        date: '2026-11-16',
        kind: 'HALF_MONTHLY',
        signedBy: [{ number: 'TZT-310000000101' }, { number: 'TZT-310000000201' }],
      },
      maintenanceOverdue: false,
    });
    expect(overdue.elevator).toMatchObject({ lastMaintenance: { date: '2026-10-31' }, maintenanceOverdue: true });
    expect(never.elevator).toMatchObject({ lastMaintenance: null, maintenanceOverdue: true });
    expect(boiler).toEqual({ code: testBoilerCode(), elevator: null });
    expect(bad).toEqual({ code: '123', elevator: null });
    // The malformed record fails alone, with the taxonomy code and the system named.
    expect(malformed.elevator).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['_entities', 2, 'elevator'],
      extensions: { code: 'LEGACY_BAD_DATA', system: 'elevator', key: codes[CORRUPT_ELEVATOR] },
    });
  });

  it('gives an eligible on-demand elevator (monitored, insured, class A maintainer, valid inspection) the longer interval', async () => {
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
    expect(one.elevator.maintenanceRecords).toMatchObject({
      totalCount: 3,
      nodes: [{ date: '2026-11-16' }, { date: '2026-11-01' }],
      pageInfo: { hasNextPage: true },
    });
    expect(zero.elevator.alarms).toEqual({
      totalCount: 1,
      nodes: [
        {
          kind: 'ENTRAPMENT',
          raisedAt: '2026-11-20T12:00:00+08:00',
          arrivalMinutes: null,
          equipment: { code: codes[0] },
        },
      ],
    });
  });

  it("answers an alarm's state and the time of each step; one with a corrupt state code is null with LEGACY_BAD_DATA", async () => {
    const alarm = stack.world.alarms.find((a) => a.registrationCode === codes[6])!;
    stack.platform.appendAlarm({
      bjbh: 'BJ-CORRUPT-STATE',
      zcdm: codes[6]!,
      bjlx: '02',
      bjly: 'C',
      bjsj: Date.parse(alarm.raisedAt) + 60_000,
      jjsj: 0,
      ddsj: 0,
      jcsj: 0,
      jasj: 0,
      bjzt: '9',
    });
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { elevator {
      alarms(first: 5) { totalCount nodes { id state raisedAt acceptedAt arrivedAt resolvedAt closedAt } } } } } }`;
    const result = await gql(url, query, { reps: reps([codes[6]!]) });
    const [elevator] = result.data._entities;
    expect(elevator.elevator.alarms.totalCount).toBe(2);
    expect(elevator.elevator.alarms.nodes[0]).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      extensions: { code: 'LEGACY_BAD_DATA', system: 'elevator', key: codes[6] },
    });
    expect(result.errors![0]!.message).toMatch(/bjzt/);
    const instant = (iso: string | null) => (iso === null ? null : new Date(iso).getTime());
    const node = elevator.elevator.alarms.nodes[1];
    expect(node).toMatchObject({ id: alarm.id, state: 'CLOSED' });
    for (const field of ['acceptedAt', 'arrivedAt', 'resolvedAt', 'closedAt'] as const)
      expect(instant(node[field]), field).toBe(instant(alarm[field]));
  });

  it("lists an enterprise's maintained and used elevators", async () => {
    const maintainer = stack.world.elevators[0]!.maintainerUscc;
    const user = stack.world.elevators[0]!.userUscc;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc
      maintainedElevators(first: 3) { totalCount nodes { maintainer { uscc } } } usedElevators(first: 0) { totalCount } } } }`;
    const result = await gql(url, query, {
      reps: [
        { __typename: 'Enterprise', uscc: maintainer },
        { __typename: 'Enterprise', uscc: user },
      ],
    });
    const [m, u] = result.data._entities;
    expect(m.maintainedElevators.totalCount).toBe(
      stack.world.elevators.filter((e) => e.maintainerUscc === maintainer).length,
    );
    expect(m.maintainedElevators.nodes).toHaveLength(3);
    expect(u.usedElevators.totalCount).toBe(stack.world.elevators.filter((e) => e.userUscc === user).length);
  });

  it('refuses an oversized page with BAD_USER_INPUT', async () => {
    const result = await gql(
      url,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { maintainedElevators(first: 500) { totalCount } } } }`,
      { reps: [{ __typename: 'Enterprise', uscc: stack.world.elevators[0]!.maintainerUscc }] },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('platform down', () => {
  it('answers null with LEGACY_UNAVAILABLE naming the elevator system', async () => {
    stack.platform.setFaults({ outage: true });
    const result = await gql(url, PAGE_OF_EQUIPMENT, { reps: reps([codes[1]!]) });
    expect(result.data._entities[0].elevator).toBeNull();
    expect(result.errors![0].extensions).toEqual({ code: 'LEGACY_UNAVAILABLE', system: 'elevator' });
  });
});
