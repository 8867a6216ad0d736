import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../adapters/elevator/signer.ts';
import { CODE } from './codes.ts';
import { type RunningElevatorStandIn, startElevatorStandIn } from './server.ts';
import { isElevatorStorePrepared, loadElevatorStore, prepareElevator, writeElevatorStore } from './store.ts';
import { parseAlarmAction } from './raise.ts';
import { type DtAlarm, alarmStateCode, toDtWorld } from './records.ts';
import { TEST_ELEVATORS, elevatorTestWorld } from '../../test/support/elevator/hand-world.ts';

const APP = { appKey: 'dashboard', appSecret: 's3cret-for-tests' };
const world = elevatorTestWorld();
let dir: string;
let platform: RunningElevatorStandIn;
let limited: RunningElevatorStandIn;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-'));
  prepareElevator(world, dir);
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  limited = await startElevatorStandIn({
    dir,
    host: '127.0.0.1',
    port: 0,
    apps: [APP],
    rateLimit: { perSecond: 0.5, burst: 2 },
  });
});
afterAll(async () => {
  await platform.stop();
  await limited.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Call {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  secret?: string;
  at?: number;
  nonce?: string;
  /** Changes the query after signing. */
  tamper?: Record<string, string>;
}

async function call(base: string, c: Call): Promise<{ status: number; code: number; data: any }> {
  const method = c.method ?? 'GET';
  const body = c.body === undefined ? '' : JSON.stringify(c.body);
  const headers = signRequest(
    { appKey: APP.appKey, appSecret: c.secret ?? APP.appSecret },
    { method, path: c.path, query: c.query ?? {}, body },
    c.at ?? Date.now(),
    c.nonce,
  );
  const search = new URLSearchParams({ ...c.query, ...c.tamper }).toString();
  const res = await fetch(`${base}${c.path}?${search}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body || undefined,
  });
  const json = (await res.json()) as { code: number; data: any };
  return { status: res.status, code: json.code, data: json.data };
}

const page = { path: '/openapi/v1/elevator/page', query: { pageNo: '1', pageSize: '10' } };

/** The platform's latest record of an alarm, as its feed serves it. */
async function fedAlarm(id: string): Promise<DtAlarm | undefined> {
  const feed = await call(platform.url, { path: '/openapi/v1/alarm/feed', query: { since: '0', limit: '500' } });
  return (feed.data.records as DtAlarm[]).find((a) => a.bjbh === id);
}

describe('request signature', () => {
  it('accepts a correctly signed request, wherever the auth values are sent', async () => {
    const ok = await call(platform.url, page);
    expect(ok).toMatchObject({ status: 200, code: CODE.OK, data: { total: TEST_ELEVATORS, pageNo: 1, pageSize: 10 } });
    expect(ok.data.records).toHaveLength(10);
    // Auth values as query parameters instead of headers.
    const h = signRequest(APP, { method: 'GET', path: page.path, query: page.query, body: '' }, Date.now());
    const q = new URLSearchParams({
      ...page.query,
      appKey: h['x-app-key']!,
      timestamp: h['x-timestamp']!,
      nonce: h['x-nonce']!,
      sign: h['x-sign']!,
    });
    const res = (await (await fetch(`${platform.url}${page.path}?${q}`)).json()) as { code: number };
    expect(res.code).toBe(CODE.OK);
  });

  it('rejects a wrong secret, a tampered parameter, a stale timestamp, a replayed nonce and an unknown app', async () => {
    expect((await call(platform.url, { ...page, secret: 'guessed' })).code).toBe(CODE.BAD_SIGNATURE);
    expect((await call(platform.url, { ...page, tamper: { pageSize: '100' } })).code).toBe(CODE.BAD_SIGNATURE);
    expect(
      (
        await call(platform.url, {
          method: 'POST',
          path: '/openapi/v1/elevator/batch',
          body: { zcdmList: [] },
          tamper: { extra: '1' },
        })
      ).code,
    ).toBe(CODE.BAD_SIGNATURE);
    expect((await call(platform.url, { ...page, at: Date.now() - 6 * 60_000 })).code).toBe(CODE.EXPIRED_TIMESTAMP);
    expect((await call(platform.url, { ...page, at: Date.now() + 6 * 60_000 })).code).toBe(CODE.EXPIRED_TIMESTAMP);
    expect((await call(platform.url, { ...page, nonce: 'once-only' })).code).toBe(CODE.OK);
    expect((await call(platform.url, { ...page, nonce: 'once-only' })).code).toBe(CODE.REPLAYED_NONCE);
    const stranger = await fetch(`${platform.url}${page.path}`, {
      headers: {
        ...signRequest(
          { appKey: 'stranger', appSecret: 'x' },
          { method: 'GET', path: page.path, query: {}, body: '' },
          Date.now(),
        ),
      },
    });
    expect(((await stranger.json()) as { code: number }).code).toBe(CODE.UNKNOWN_APP);
    expect(((await (await fetch(`${platform.url}${page.path}`)).json()) as { code: number }).code).toBe(
      CODE.MISSING_AUTH,
    );
  });
});

describe('API behaviour', () => {
  it('caps page and batch sizes with 2001', async () => {
    expect((await call(platform.url, { ...page, query: { pageSize: '101' } })).code).toBe(CODE.BAD_PARAMETER);
    const codes = Array.from({ length: 101 }, (_, i) => String(i).padStart(20, '0'));
    expect(
      (await call(platform.url, { method: 'POST', path: '/openapi/v1/elevator/batch', body: { zcdmList: codes } }))
        .code,
    ).toBe(CODE.BAD_PARAMETER);
  });

  it('serves the alarm feed by cursor, each alarm once, in order', async () => {
    const first = await call(platform.url, { path: '/openapi/v1/alarm/feed', query: { since: '0', limit: '25' } });
    expect(first.data.records).toHaveLength(25);
    const second = await call(platform.url, {
      path: '/openapi/v1/alarm/feed',
      query: { since: String(first.data.nextSince), limit: '500' },
    });
    expect(second.data.records).toHaveLength(35);
    expect(second.data.records[0].xh).toBe(first.data.nextSince + 1);
    const idle = await call(platform.url, {
      path: '/openapi/v1/alarm/feed',
      query: { since: String(second.data.nextSince) },
    });
    expect(idle.data).toEqual({ records: [], nextSince: second.data.nextSince });
  });

  it('feeds an alarm recorded while it runs, and a new state of it again in place of the old', async () => {
    const end = (await call(platform.url, { path: '/openapi/v1/alarm/feed', query: { since: '0', limit: '500' } })).data
      .nextSince;
    const raised = {
      bjbh: 'BJ-LIVE-1',
      zcdm: '31103100002010010001',
      bjlx: '01',
      bjly: 'A',
      bjsj: 1_700_000_000_000,
      jjsj: 0,
      ddsj: 0,
      jcsj: 0,
      jasj: 0,
      bjzt: '1',
    };
    expect(platform.appendAlarm(raised).xh).toBe(end + 1);
    platform.appendAlarm({ ...raised, jjsj: 1_700_000_060_000, ddsj: 1_700_000_600_000, bjzt: '3' });
    const fed = await call(platform.url, { path: '/openapi/v1/alarm/feed', query: { since: String(end) } });
    expect(fed.data.records).toEqual([
      { ...raised, jjsj: 1_700_000_060_000, ddsj: 1_700_000_600_000, bjzt: '3', xh: end + 2 },
    ]);
  });

  it('records the seeded alarms with the state code of their furthest step, each step after the one before', async () => {
    const all = (await call(platform.url, { path: '/openapi/v1/alarm/feed', query: { since: '0', limit: '500' } })).data
      .records as DtAlarm[];
    expect(all.length).toBeGreaterThan(0);
    for (const a of all) {
      expect(a.bjzt).toBe(alarmStateCode(a));
      const recorded = [a.bjsj, a.jjsj, a.ddsj, a.jcsj, a.jasj].filter((t) => t !== 0);
      expect(recorded).toEqual([...recorded].sort((x, y) => x - y));
    }
    // The hand world holds alarms in every state.
    expect(new Set(all.map((a) => a.bjzt))).toEqual(new Set(['1', '2', '3', '4', '5']));
  });

  it('advances an alarm through accept, arrive, release and close, each fed again with its state code', async () => {
    const raisedAt = Date.parse('2026-11-20T10:00:00+08:00');
    const { alarmId } = platform.applyAlarmAction(
      { action: 'raise', elevator: world.elevators[0]!.registrationCode, kind: 'ENTRAPMENT' },
      raisedAt,
    );
    expect(await fedAlarm(alarmId)).toMatchObject({ bjzt: '1', jjsj: 0, ddsj: 0, jcsj: 0, jasj: 0 });
    expect(() => platform.applyAlarmAction({ action: 'close', alarmId }, raisedAt + 60_000)).toThrow(
      /not released yet/,
    );
    const steps = [
      ['accept', '2', 'jjsj'],
      ['arrive', '3', 'ddsj'],
      ['release', '4', 'jcsj'],
      ['close', '5', 'jasj'],
    ] as const;
    let feedNumber = 0;
    for (const [i, [action, code, time]] of steps.entries()) {
      const at = raisedAt + (i + 1) * 60_000;
      const applied = platform.applyAlarmAction({ action, alarmId }, at);
      expect(applied.feedNumber).toBeGreaterThan(feedNumber);
      feedNumber = applied.feedNumber;
      expect(await fedAlarm(alarmId)).toMatchObject({ bjzt: code, [time]: at, xh: feedNumber });
    }
    // A step already recorded keeps its time.
    platform.applyAlarmAction({ action: 'accept', alarmId }, raisedAt + 3_600_000);
    expect(await fedAlarm(alarmId)).toMatchObject({ bjzt: '5', jjsj: raisedAt + 60_000 });
    // Arriving at an alarm nobody accepted records the acceptance at the same time.
    const other = platform.applyAlarmAction(
      { action: 'raise', elevator: world.elevators[1]!.registrationCode, kind: 'FAULT' },
      raisedAt,
    );
    platform.applyAlarmAction({ action: 'arrive', alarmId: other.alarmId }, raisedAt + 600_000);
    expect(await fedAlarm(other.alarmId)).toMatchObject({
      bjzt: '3',
      jjsj: raisedAt + 600_000,
      ddsj: raisedAt + 600_000,
    });
  });

  it('reads the alarm desk actions, refusing an unknown one by name', () => {
    expect(parseAlarmAction('{"action":"accept","alarmId":"BJ1"}')).toEqual({ action: 'accept', alarmId: 'BJ1' });
    expect(parseAlarmAction('{"action":"close","alarmId":"BJ1"}')).toEqual({ action: 'close', alarmId: 'BJ1' });
    expect(() => parseAlarmAction('{"action":"close"}')).toThrow(/alarmId is required/);
    expect(() => parseAlarmAction('{"action":"reopen","alarmId":"BJ1"}')).toThrow(
      /action must be raise, accept, arrive, release, close/,
    );
  });

  it('answers a rate-limited app with 4290 and a retry hint', async () => {
    const answers = [await call(limited.url, page), await call(limited.url, page), await call(limited.url, page)];
    expect(answers.map((a) => a.code)).toEqual([CODE.OK, CODE.OK, CODE.RATE_LIMITED]);
    expect(answers[2]!.status).toBe(200);
    expect(answers[2]!.data.retryAfterMs).toBeGreaterThan(0);
  });

  it('injects outage, errors and latency at runtime', async () => {
    platform.setFaults({ outage: true });
    expect(await call(platform.url, page)).toMatchObject({ status: 503, code: CODE.MAINTENANCE });
    platform.setFaults({ outage: false, errorRate: 1 });
    expect(await call(platform.url, page)).toMatchObject({ status: 500, code: CODE.INTERNAL });
    platform.setFaults({ errorRate: 0, latencyMs: 120 });
    const started = performance.now();
    expect((await call(platform.url, page)).code).toBe(CODE.OK);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    platform.setFaults({ latencyMs: 0 });
  });
});

describe('the store as loaded', () => {
  const newestFirst = <T extends { wbrq: number }>(rows: readonly T[]) => [...rows].sort((a, b) => b.wbrq - a.wbrq);
  const all = <T>(table: { length: number; record(row: number): T }) =>
    Array.from({ length: table.length }, (_, row) => table.record(row));

  it('serves every record as written, in order: elevators as registered, maintenance newest first', () => {
    const written = toDtWorld(world);
    const store = loadElevatorStore(dir);
    // toStrictEqual: the same fields in the same order, nothing added, the same values.
    expect(all(store.elevators).map((e) => Object.keys(e))).toEqual(written.elevators.map((e) => Object.keys(e)));
    expect(all(store.elevators)).toStrictEqual(written.elevators);
    expect(all(store.maintenance)).toStrictEqual(newestFirst(written.maintenance));
    for (const e of written.elevators) {
      expect(store.elevatorByCode(e.zcdm)).toStrictEqual(e);
      const own = [...store.maintenance.rowsWith(e.zcdm)].map((row) => store.maintenance.record(row));
      expect(own).toStrictEqual(newestFirst(written.maintenance.filter((m) => m.zcdm === e.zcdm)));
    }
    expect(store.elevatorByCode('00000000000000000000')).toBeUndefined();
    expect(isElevatorStorePrepared(dir)).toBe(true);
  });

  it('serves malformed records as stored: a field of another type, one missing, one added', async () => {
    const planted = mkdtempSync(join(tmpdir(), 'eg-elevator-planted-'));
    try {
      const written = toDtWorld(world);
      (written.elevators[1] as { cs: unknown }).cs = '十二层';
      delete (written.elevators[2] as { sd?: string }).sd;
      (written.maintenance[3] as { wbxm: unknown }).wbxm = '日常保养';
      (written.maintenance[4] as { wbjlbh: unknown }).wbjlbh = 'WX-2026-7';
      Object.assign(written.maintenance[5]!, { remark: '补录' });
      writeElevatorStore(written, planted);
      const store = loadElevatorStore(planted);
      expect(all(store.elevators)).toStrictEqual(written.elevators);
      expect(all(store.maintenance)).toStrictEqual(newestFirst(written.maintenance));
      expect(store.elevatorByCode(written.elevators[1]!.zcdm)!.cs).toBe('十二层');
      expect(store.maintenance.record(store.maintenance.rowsWith(written.maintenance[3]!.zcdm)[0]!)).toBeDefined();

      const served = await startElevatorStandIn({ dir: planted, host: '127.0.0.1', port: 0, apps: [APP] });
      try {
        const detail = await call(served.url, {
          path: '/openapi/v1/elevator/detail',
          query: { zcdm: written.elevators[1]!.zcdm },
        });
        expect(detail.data).toStrictEqual(written.elevators[1]);
        const page = await call(served.url, {
          path: '/openapi/v1/maintenance/page',
          query: { zcdm: written.maintenance[3]!.zcdm, pageSize: '100' },
        });
        expect(page.data.records).toContainEqual(written.maintenance[3]);
      } finally {
        await served.stop();
      }
    } finally {
      rmSync(planted, { recursive: true, force: true });
    }
  });

  it('filters as the records hold their values: any of a list, as text, bounds inclusive', async () => {
    const written = toDtWorld(world);
    const maintenance = newestFirst(written.maintenance);
    const [first, second] = [written.elevators[0]!, written.elevators.at(-1)!];
    const installedBy = written.elevators[3]!.azrq;
    const elevators = await call(platform.url, {
      path: '/openapi/v1/elevator/page',
      query: { qxdm: `${first.qxdm},${second.qxdm},0${first.qxdm}`, azrqJs: String(installedBy), pageSize: '100' },
    });
    expect(elevators.data.total).toBeGreaterThan(0);
    expect(elevators.data.records).toStrictEqual(
      written.elevators.filter((e) => [first.qxdm, second.qxdm].includes(e.qxdm) && e.azrq <= installedBy),
    );
    const [from, to] = [maintenance.at(-5)!.wbrq, maintenance[4]!.wbrq];
    const company = maintenance[6]!.wbdwTyshxydm;
    const records = await call(platform.url, {
      path: '/openapi/v1/maintenance/page',
      query: { kssj: String(from), jssj: String(to), wbdwTyshxydm: company, pageSize: '100' },
    });
    const inPeriod = maintenance.filter((m) => m.wbrq >= from && m.wbrq <= to && m.wbdwTyshxydm === company);
    expect(records.data.total).toBe(inPeriod.length);
    expect(records.data.records).toStrictEqual(inPeriod.slice(0, 100));
    const latest = await call(platform.url, {
      method: 'POST',
      path: '/openapi/v1/maintenance/latest',
      body: { zcdmList: [second.zcdm, '99999999999999999999', first.zcdm] },
    });
    expect(latest.data.records).toStrictEqual(
      [second.zcdm, first.zcdm].flatMap((code) => maintenance.filter((m) => m.zcdm === code).slice(0, 1)),
    );
  });

  it('refuses a cut-off or corrupt records file at start, saying so', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'eg-elevator-damaged-'));
    try {
      writeElevatorStore(toDtWorld(world), damaged);
      const path = join(damaged, 'records.store');
      const whole = readFileSync(path);
      writeFileSync(path, whole.subarray(0, whole.length - 100));
      expect(isElevatorStorePrepared(damaged)).toBe(false);
      await expect(startElevatorStandIn({ dir: damaged, host: '127.0.0.1', port: 0, apps: [APP] })).rejects.toThrow(
        /refused: .*cut off/,
      );
      const flipped = Buffer.from(whole);
      flipped[flipped.length - 1]! ^= 0xff;
      writeFileSync(path, flipped);
      expect(() => loadElevatorStore(damaged)).toThrow(/refused: checksum does not match/);
      writeFileSync(path, '');
      expect(() => loadElevatorStore(damaged)).toThrow(/refused: no header line/);
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
    expect(isElevatorStorePrepared(damaged)).toBe(false);
  });
});
