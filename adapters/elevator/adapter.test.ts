import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../core/calls.ts';
import { RESILIENCE_DEFAULTS, type ResilienceSettings, SystemGuard } from '../core/guard.ts';
import type { LegacyError } from '../../graph/errors.ts';
import { createLogger } from '../../runtime/logger.ts';
import {
  startElevatorStandIn,
  type RunningElevatorStandIn,
  toDtWorld,
  writeElevatorStore,
} from '../../legacy/elevator/index.ts';
import { TEST_ELEVATORS, elevatorTestWorld, testBoilerCode } from '../../test/support/elevator/hand-world.ts';
import { type ElevatorAdapter, type ElevatorAdapterOptions, createElevatorAdapter } from './index.ts';
import type { ElevatorProfile } from './types.ts';

const APP = { appKey: 'graph', appSecret: 'adapter-test-secret' };
const world = elevatorTestWorld();
const codes = world.elevators.map((e) => e.registrationCode);
const logger = createLogger({ level: 'silent', name: 'test' });
let dir: string;
let platform: RunningElevatorStandIn;
const open: ElevatorAdapter[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-adapter-'));
  // One malformed record, as the platform really holds some: speed typed in as text.
  const stored = toDtWorld(world);
  stored.elevators[7]!.sd = '约1.75米/秒';
  writeElevatorStore(stored, dir);
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
});
afterEach(() => platform.setFaults({ outage: false, errorRate: 0, latencyMs: 0 }));
afterAll(async () => {
  for (const a of open) a.close();
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The platform's guard with other retry settings (adapters/core retries 4290 like any failed read). */
function retrying(retry: Partial<ResilienceSettings['retry']>): SystemGuard {
  return new SystemGuard('elevator', { ...RESILIENCE_DEFAULTS, retry: { ...RESILIENCE_DEFAULTS.retry, ...retry } });
}

function adapter(recorder: CallRecorder, options: Partial<ElevatorAdapterOptions> = {}): ElevatorAdapter {
  const a = createElevatorAdapter({
    url: platform.url,
    ...APP,
    timeoutMs: 2000,
    logger,
    observers: [recorder.observer],
    ...options,
  });
  open.push(a);
  return a;
}

describe('batch lookups', () => {
  it('cuts keys into chunks within the cap, one call per chunk, results aligned to keys', async () => {
    const recorder = new CallRecorder();
    const keys = [...codes, '99999999999999999999', testBoilerCode()];
    const results = await adapter(recorder).elevatorsByCode(keys);
    expect(recorder.calls.map((c) => [c.operation, c.keys])).toEqual([
      ['elevatorBatch', 100],
      ['elevatorBatch', 100],
      ['elevatorBatch', 52],
    ]);
    const first = results[0] as ElevatorProfile;
    expect(first).toMatchObject({
      registrationCode: codes[0],
      qrId: 'SH00000000',
      floors: 6,
      speed: 1,
      installedOn: '2000-01-15',
      onDemand: true,
      insured: true,
    });
    expect(results.at(-1)).toBeNull();
    expect(results.at(-2)).toBeNull();
  });

  it('maps retired district codes to today and keeps the recorded one', async () => {
    const results = await adapter(new CallRecorder()).elevatorsByCode([codes[3]!]);
    expect(results[0]).toMatchObject({ district: '310106', recordedDistrict: '310108' });
  });

  it('turns a malformed record into LEGACY_BAD_DATA for that key only', async () => {
    const results = await adapter(new CallRecorder()).elevatorsByCode(codes.slice(5, 10));
    expect(results[2]).toMatchObject({ extensions: { code: 'LEGACY_BAD_DATA', system: 'elevator', key: codes[7] } });
    expect((results[2] as Error).message).toContain('sd');
    expect(results.filter((r) => r instanceof Error)).toHaveLength(1);
    expect(results[3]).toMatchObject({ registrationCode: codes[8] });
  });

  it('reads last maintenance per elevator in one call per chunk; none on record is null', async () => {
    const recorder = new CallRecorder();
    const results = await adapter(recorder, { batchLimit: 50 }).lastMaintenanceByCode(codes.slice(150));
    expect(recorder.calls.map((c) => c.keys)).toEqual([50, 50]);
    expect(results.at(-1)).toBeNull();
    expect(results[0]).toMatchObject({
      registrationCode: codes[150],
      date: '2026-10-31',
      kind: 'HALF_MONTHLY',
      certificateNumbers: ['TZT-310000000110', 'TZT-310000000210'],
    });
  });
});

describe('paged lists', () => {
  it('reads an aligned page in one call and an unaligned one across two capped pages', async () => {
    const recorder = new CallRecorder();
    const a = adapter(recorder, { pageSize: 100 });
    const aligned = await a.searchElevators({}, { offset: 100, limit: 20 });
    const unaligned = await a.searchElevators({}, { offset: 90, limit: 20 });
    expect(recorder.count('elevator', 'elevatorPage')).toBe(3);
    expect(aligned.total).toBe(TEST_ELEVATORS);
    const ids = (s: typeof aligned) => s.items.map((e) => (e instanceof Error ? e.message : e.registrationCode));
    expect(ids(unaligned)).toEqual(codes.slice(90, 110));
    expect(ids(aligned)).toEqual(codes.slice(100, 120));
  });

  it('filters by district including the retired codes it absorbed, by maintainer and by age', async () => {
    const a = adapter(new CallRecorder());
    const jingan = await a.searchElevators({ district: '310106' }, { offset: 0, limit: 100 });
    const expected = world.equipment.filter((e) => e.district === '310106' && e.catalogueCode.startsWith('3')).length;
    expect(jingan.total).toBe(expected);
    expect(jingan.items.some((e) => !(e instanceof Error) && e.recordedDistrict === '310108')).toBe(true);
    const maintainer = world.elevators[1]!.maintainerUscc;
    expect((await a.searchElevators({ maintainerUscc: maintainer }, { offset: 0, limit: 0 })).total).toBe(
      world.elevators.filter((e) => e.maintainerUscc === maintainer).length,
    );
    const old = await a.searchElevators({ installedOnOrBefore: '2001-01-15' }, { offset: 0, limit: 100 });
    expect(old.total).toBe(world.elevators.filter((e) => e.installedOn <= '2001-01-15').length);
  });

  it('pages maintenance records of one elevator within dates, newest first', async () => {
    const slice = await adapter(new CallRecorder()).maintenanceRecords(
      { registrationCode: codes[1]!, from: '2026-10-03' },
      { offset: 0, limit: 10 },
    );
    expect(slice.total).toBe(3);
    expect(slice.items.map((m) => (m instanceof Error ? '' : m.date))).toEqual([
      '2026-11-16',
      '2026-11-01',
      '2026-10-17',
    ]);
  });

  it('follows the alarm feed by cursor and filters alarms by kind', async () => {
    const a = adapter(new CallRecorder());
    const first = await a.alarmFeed(null, 40);
    const rest = await a.alarmFeed(first.cursor, 40);
    expect(first.alarms).toHaveLength(40);
    expect(rest.alarms).toHaveLength(20);
    const entrapments = await a.alarms({ kind: 'ENTRAPMENT' }, { offset: 0, limit: 100 });
    expect(entrapments.total).toBe(world.alarms.filter((x) => x.kind === 'ENTRAPMENT').length);
    expect(entrapments.items[0]).toMatchObject({ kind: 'ENTRAPMENT', raisedAt: new Date('2026-11-20T04:00:00Z') });
  });
});

describe('platform failures', () => {
  it('backs off on 4290 and succeeds once the bucket refills', async () => {
    const limited = await startElevatorStandIn({
      dir,
      host: '127.0.0.1',
      port: 0,
      apps: [APP],
      rateLimit: { perSecond: 20, burst: 1 },
    });
    try {
      const recorder = new CallRecorder();
      const a = adapter(recorder, { url: limited.url, batchLimit: 10, guard: retrying({ baseDelayMs: 20 }) });
      const results = await a.elevatorsByCode(codes.slice(0, 30));
      // Every key answered; the one error is the planted malformed record, not the rate limit.
      expect(results.filter((r) => r === null)).toHaveLength(0);
      expect(results.filter((r) => r instanceof Error).map((e) => (e as LegacyError).extensions.key)).toEqual([
        codes[7],
      ]);
      expect(recorder.count('elevator', 'elevatorBatch')).toBeGreaterThan(3);
    } finally {
      await limited.stop();
    }
  });

  it('gives up after the bounded retries with LEGACY_RATE_LIMITED', async () => {
    const starved = await startElevatorStandIn({
      dir,
      host: '127.0.0.1',
      port: 0,
      apps: [APP],
      rateLimit: { perSecond: 0.001, burst: 1 },
    });
    try {
      const recorder = new CallRecorder();
      const a = adapter(recorder, {
        url: starved.url,
        guard: retrying({ maxRetries: 2, baseDelayMs: 5, maxDelayMs: 10 }),
      });
      await a.searchElevators({}, { offset: 0, limit: 1 });
      const error = await a.searchElevators({}, { offset: 0, limit: 1 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ extensions: { code: 'LEGACY_RATE_LIMITED', system: 'elevator' } });
      expect(recorder.count()).toBe(1 + 3);
    } finally {
      await starved.stop();
    }
  });

  it('reports an outage as LEGACY_UNAVAILABLE naming the system, per key in batches', async () => {
    platform.setFaults({ outage: true });
    const a = adapter(new CallRecorder());
    await expect(a.searchElevators({}, { offset: 0, limit: 5 })).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE', system: 'elevator' },
    });
    const batch = await a.elevatorsByCode(codes.slice(0, 3));
    expect(batch.map((r) => (r as { extensions?: { code?: string } }).extensions?.code)).toEqual([
      'LEGACY_UNAVAILABLE',
      'LEGACY_UNAVAILABLE',
      'LEGACY_UNAVAILABLE',
    ]);
  });

  it('reports a refused signature (wrong secret) as LEGACY_UNAVAILABLE and a slow platform as LEGACY_TIMEOUT', async () => {
    const wrong = adapter(new CallRecorder(), { appSecret: 'not-the-secret' });
    await expect(wrong.searchElevators({}, { offset: 0, limit: 1 })).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE', system: 'elevator' },
    });
    platform.setFaults({ latencyMs: 300 });
    const impatient = adapter(new CallRecorder(), { timeoutMs: 50 });
    await expect(impatient.searchElevators({}, { offset: 0, limit: 1 })).rejects.toMatchObject({
      extensions: { code: 'LEGACY_TIMEOUT', system: 'elevator' },
    });
  });

  it('refuses options beyond the platform caps, naming the option', () => {
    expect(() =>
      createElevatorAdapter({ url: platform.url, ...APP, timeoutMs: 1000, logger, batchLimit: 101 }),
    ).toThrow('batchLimit must be 1..100');
  });
});

describe('alarms with a corrupt state', () => {
  it('leave an error in their place in the feed, and the alarms after them read on', async () => {
    const a = adapter(new CallRecorder());
    let cursor: string | null = null;
    for (;;) {
      const page = await a.alarmFeed(cursor, 500);
      cursor = page.cursor;
      if (page.alarms.length < 500) break;
    }
    const base = {
      zcdm: codes[0]!,
      bjlx: '02',
      bjly: 'C',
      bjsj: Date.parse('2026-11-20T10:00:00+08:00'),
      jjsj: 0,
      ddsj: 0,
      jcsj: 0,
      jasj: 0,
    };
    platform.appendAlarm({ ...base, bjbh: 'BJ-CORRUPT', bjzt: '受理中' });
    platform.appendAlarm({ ...base, bjbh: 'BJ-AFTER', bjzt: '1' });
    const fed = await a.alarmFeed(cursor, 500);
    expect(fed.alarms).toHaveLength(2);
    expect(fed.alarms[0]).toMatchObject({
      extensions: { code: 'LEGACY_BAD_DATA', system: 'elevator', key: codes[0] },
    });
    expect((fed.alarms[0] as LegacyError).message).toMatch(/bjzt is not an alarm state code/);
    expect(fed.alarms[1]).toMatchObject({ id: 'BJ-AFTER', state: 'RAISED', acceptedAt: null, closedAt: null });
  });
});
