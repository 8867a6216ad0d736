/**
 * The alarm feed followed by cursor: a new alarm on the running platform shows in the district
 * figures after one poll, with no index rebuild; alarms older than 24 hours are let go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { type ElevatorAdapter, createElevatorAdapter } from '../../adapters/elevator/index.ts';
import { InMemoryElevatorPort } from '../../adapters/elevator/memory.ts';
import type { Alarm } from '../../adapters/elevator/types.ts';
import { prepareElevator, startElevatorStandIn, type RunningElevatorStandIn } from '../../legacy/elevator/index.ts';
import { TEST_AS_OF, elevatorTestWorld } from '../../test/support/elevator/hand-world.ts';
import { type Clock, fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { AlarmWindow } from './alarm-window.ts';
import { createElevatorSubgraph } from './index.ts';
import { fixedEligibility } from '../../test/support/elevator/eligibility.ts';

const APP = { appKey: 'feed-test', appSecret: 'feed-test-secret' };
const logger = createLogger({ level: 'silent', name: 'test' });
const NOW = new Date(`${TEST_AS_OF}T18:00:00+08:00`);
const world = elevatorTestWorld();
let dir: string;
let platform: RunningElevatorStandIn;
let adapter: ElevatorAdapter;
const recorder = new CallRecorder();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-feed-'));
  prepareElevator(world, dir);
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  adapter = createElevatorAdapter({
    url: platform.url,
    ...APP,
    timeoutMs: 2000,
    logger,
    observers: [recorder.observer],
  });
});
afterAll(async () => {
  adapter?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A window over a feed the test fills before each poll, recording the changes it tells. */
function followedFeed(first: Alarm[] = []) {
  const feed = { next: first };
  const told: string[] = [];
  const window = new AlarmWindow({
    port: { alarmFeed: async () => ({ alarms: feed.next.splice(0), cursor: '1' }) },
    clock: fixedClock('2026-11-20T12:00:00+08:00'),
    logger,
    pollMs: 1000,
    onChanges: (changes) => told.push(...changes.map((c) => `${c.alarm.id}:${c.change}`)),
  });
  const poll = async (alarms?: Alarm[]) => {
    if (alarms) feed.next = alarms;
    await window.poll();
  };
  return { window, told, poll };
}

describe('the alarm feed followed by cursor', () => {
  it('shows a new entrapment in the district figures after one poll, reading only the feed', async () => {
    const definition = createElevatorSubgraph({
      adapter,
      eligibility: fixedEligibility(),
      clock: fixedClock(NOW),
      alarmPollMs: 50,
      logger,
    });
    const server = createSubgraphServer(definition, logger);
    const elevator = world.elevators[3]!;
    const district = world.equipment.find((e) => e.registrationCode === elevator.registrationCode)!.district;
    const figures = async () => {
      const response = await server.executeOperation(
        {
          query: `query($d: ID!) { _entities(representations: [{ __typename: "District", code: $d }]) { ... on District { elevatorStatistics { entrapmentsLast24h alarmsLast24h averageRescueArrivalMinutes refreshedAt } } } }`,
          variables: { d: district },
        },
        { contextValue: createContext(definition, logger, 'feed') },
      );
      return (response.body as unknown as { singleResult: { data: { _entities: { elevatorStatistics: any }[] } } })
        .singleResult.data._entities[0]!.elevatorStatistics;
    };
    try {
      definition.alarms.start();
      const before = await figures();
      recorder.clear();
      // Raised ten minutes ago, rescuers there after twelve minutes.
      const raised = NOW.getTime() - 10 * 60_000;
      platform.appendAlarm({
        bjbh: 'BJ-FEED-1',
        zcdm: elevator.registrationCode,
        bjlx: '01',
        bjly: 'A',
        bjsj: raised,
        jjsj: raised + 60_000,
        ddsj: raised + 12 * 60_000,
        jcsj: 0,
        jasj: 0,
        bjzt: '3',
      });
      await until(async () => (await figures()).entrapmentsLast24h === before.entrapmentsLast24h + 1);
      const after = await figures();
      expect(after).toMatchObject({ alarmsLast24h: before.alarmsLast24h + 1, refreshedAt: before.refreshedAt });
      // No index rebuild: the platform was asked for nothing but the feed.
      expect(recorder.calls.length).toBeGreaterThan(0);
      expect(new Set(recorder.calls.map((c) => c.operation))).toEqual(new Set(['alarmFeed']));
    } finally {
      await definition.alarms.stop();
      await server.stop();
    }
    // Stopped: no more polls.
    recorder.clear();
    await new Promise((r) => setTimeout(r, 150));
    expect(recorder.calls).toEqual([]);
  });
});

describe('the alarm window', () => {
  const alarm = (id: string, raisedAt: string): Alarm => ({
    id,
    registrationCode: '31103100002010010001',
    kind: 'FAULT',
    source: 'SENSOR',
    state: 'RAISED',
    raisedAt: new Date(raisedAt),
    acceptedAt: null,
    arrivedAt: null,
    resolvedAt: null,
    closedAt: null,
  });

  it('answers the last 24 hours and holds 30 days: older alarms are dropped at the next read', async () => {
    let now = new Date('2026-11-20T12:00:00+08:00');
    const clock: Clock = { now: () => new Date(now) };
    const port = new InMemoryElevatorPort({
      elevators: [],
      maintenance: [],
      alarms: [
        alarm('aged', '2026-10-21T11:00:00+08:00'),
        alarm('day-old', '2026-11-19T12:00:00+08:00'),
        alarm('recent', '2026-11-20T09:00:00+08:00'),
      ],
    });
    const window = new AlarmWindow({ port, clock, logger, pollMs: 1000 });
    // Raised exactly 24 hours before now is no longer in the last 24 hours.
    expect((await window.last24h()).map((a) => a.id)).toEqual(['recent']);
    expect((await window.raisedWithin(30 * 86_400_000)).map((a) => a.id)).toEqual(['day-old', 'recent']);
    expect(window.size).toBe(2);
    now = new Date('2026-12-20T10:00:00+08:00');
    expect(await window.last24h()).toEqual([]);
    await window.poll();
    expect(window.size).toBe(0);
  });

  it('keeps the newest state of an alarm the feed sends again', async () => {
    const { window, poll } = followedFeed([alarm('a', '2026-11-20T11:00:00+08:00')]);
    await poll();
    await poll([{ ...alarm('a', '2026-11-20T11:00:00+08:00'), arrivedAt: new Date('2026-11-20T11:20:00+08:00') }]);
    expect((await window.last24h()).map((a) => a.arrivedAt?.toISOString())).toEqual(['2026-11-20T03:20:00.000Z']);
  });

  it('tells each new alarm and each new state once following the feed, never the first read', async () => {
    const { window, told, poll } = followedFeed([alarm('old', '2026-11-20T10:00:00+08:00')]);
    await poll();
    expect(told).toEqual([]);
    const raised = alarm('new', '2026-11-20T11:00:00+08:00');
    await poll([raised]);
    await poll([{ ...raised, arrivedAt: new Date('2026-11-20T11:10:00+08:00') }]);
    await poll([{ ...raised, arrivedAt: new Date('2026-11-20T11:10:00+08:00') }]);
    await poll([{ ...alarm('old', '2026-11-20T10:00:00+08:00'), arrivedAt: new Date(), resolvedAt: new Date() }]);
    expect(told).toEqual(['new:RAISED', 'new:RESCUER_ARRIVED', 'old:RESCUER_ARRIVED', 'old:RELEASED']);
    expect(window.byId('new')?.arrivedAt).not.toBeNull();
  });

  it('tells acceptance and closing, and each step a copy skips, in the order an alarm passes them', async () => {
    const { window, told, poll } = followedFeed();
    await poll();
    const raised = alarm('a', '2026-11-20T11:00:00+08:00');
    const accepted = { ...raised, state: 'ACCEPTED' as const, acceptedAt: new Date('2026-11-20T11:02:00+08:00') };
    await poll([raised]);
    await poll([accepted]);
    // Arrival and release recorded between two polls: both told, in order; then the closing alone.
    const released = {
      ...accepted,
      state: 'RELEASED' as const,
      arrivedAt: new Date('2026-11-20T11:15:00+08:00'),
      resolvedAt: new Date('2026-11-20T11:40:00+08:00'),
    };
    await poll([released]);
    await poll([{ ...released, state: 'CLOSED', closedAt: new Date('2026-11-20T11:55:00+08:00') }]);
    // An alarm first seen closed was raised, accepted, reached, released and closed since the last poll.
    await poll([{ ...released, id: 'b', state: 'CLOSED', closedAt: new Date('2026-11-20T11:56:00+08:00') }]);
    expect(told).toEqual([
      'a:RAISED',
      'a:ACCEPTED',
      'a:RESCUER_ARRIVED',
      'a:RELEASED',
      'a:CLOSED',
      'b:RAISED',
      'b:ACCEPTED',
      'b:RESCUER_ARRIVED',
      'b:RELEASED',
      'b:CLOSED',
    ]);
    expect(window.byId('a')).toMatchObject({ state: 'CLOSED', closedAt: new Date('2026-11-20T11:55:00+08:00') });
  });
});
