/**
 * The adapter against the real stand-in (seed test world, with a few rows spoiled the way real
 * stores hold some): mapping to domain types, batching within the limit, paging, district codes,
 * and faults mapped to the taxonomy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../core/calls.ts';
import { LegacyError } from '../../graph/errors.ts';
import {
  type RunningPermitStandIn,
  permitStoreFile,
  preparePermit,
  startPermitStandIn,
} from '../../legacy/permit/index.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import type { World, WorldLicence } from '../../legacy/seed/world.ts';
import { createLogger } from '../../runtime/logger.ts';
import { type PermitAdapter, createPermitAdapter } from './index.ts';
import { PERMIT_NS } from './soap-client.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
const ACCOUNT = { username: 'equipment-graph', password: 'per-start-password' };
let world: World;
let dir: string;
let service: RunningPermitStandIn;
let adapter: PermitAdapter;
const recorder = new CallRecorder();
let holders: string[];
/** A holder one of whose licences (spoiledLicence) carries an unknown type code. */
let spoiledHolder: string;
let spoiledLicence: string;
/** A certificate with an impossible issue date. */
let spoiledCertificate: string;
/** Certificates with a malformed suspension: an impossible date, one end only, an end before the start. */
let badSuspensions: { number: string; element: string; message: string }[];
/** A holder whose licences are recorded under the retired 闸北 code 310108 (now 静安 310106). */
let zhabeiHolder: string;

beforeAll(async () => {
  world = generateWorld({ scale: 'test' });
  holders = [...new Set(world.licences.map((l) => l.holderUscc))];
  [zhabeiHolder, spoiledHolder] = [holders[0]!, holders[1]!];
  spoiledCertificate = world.certificates[10]!.number;
  dir = mkdtempSync(join(tmpdir(), 'eg-permit-adapter-'));
  preparePermit(world, dir);
  const store = JSON.parse(readFileSync(permitStoreFile(dir), 'utf8'));
  const spoiled = store.XKZ.find((r: { TYSHXYDM: string }) => r.TYSHXYDM === spoiledHolder);
  spoiled.XKLX = '09';
  spoiledLicence = spoiled.XKZBH;
  for (const r of store.XKZ) if (r.TYSHXYDM === zhabeiHolder) r.XZQHDM = '310108';
  store.ZYRYZ.find((r: { ZSBH: string }) => r.ZSBH === spoiledCertificate).FZRQ = '20231345';
  const unsuspended = world.certificates.filter((c) => !c.suspension).slice(20, 23);
  badSuspensions = [
    { number: unsuspended[0]!.number, element: 'ZKQSRQ', message: 'not a calendar date' },
    { number: unsuspended[1]!.number, element: 'ZKZZRQ', message: 'both ZKQSRQ and ZKZZRQ, or neither' },
    { number: unsuspended[2]!.number, element: 'ZKZZRQ', message: 'ends (ZKZZRQ) before it starts' },
  ];
  const row = (n: string) => store.ZYRYZ.find((r: { ZSBH: string }) => r.ZSBH === n);
  Object.assign(row(badSuspensions[0]!.number), { ZKQSRQ: '20260230', ZKZZRQ: '20260310' });
  Object.assign(row(badSuspensions[1]!.number), { ZKQSRQ: '20260301', ZKZZRQ: '' });
  Object.assign(row(badSuspensions[2]!.number), { ZKQSRQ: '20260310', ZKZZRQ: '20260301' });
  writeFileSync(permitStoreFile(dir), JSON.stringify(store));
  service = await startPermitStandIn({ dir, host: '127.0.0.1', port: 0, accounts: [ACCOUNT] });
  adapter = createPermitAdapter({
    url: service.url,
    timeoutMs: 2000,
    logger,
    observers: [recorder.observer],
    credentials: ACCOUNT,
  });
});
afterEach(() => {
  service.setFaults({ latencyMs: 0, errorRate: 0, outage: false, truncateRate: 0 });
  recorder.clear();
});
afterAll(async () => {
  adapter?.close();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const byNumber = (a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number);
/** A page as licence numbers, the spoiled record standing as 'BAD'. */
const numbersOf = (items: readonly ({ number: string } | Error)[]) =>
  items.map((l) => (l instanceof Error ? 'BAD' : l.number));

describe('mapping', () => {
  it('maps licences to domain types: enums, ISO dates, scope lists, the self-declared flag', async () => {
    const asked = holders.slice(2, 8);
    const result = await adapter.licencesByHolder(asked);
    expect(result).toHaveLength(asked.length);
    asked.forEach((uscc, i) => {
      const expected = world.licences.filter((l) => l.holderUscc === uscc).sort(byNumber);
      expect([...(result[i] as object[])].sort(byNumber as never)).toEqual(expected);
    });
  });

  it('gives an enterprise without licences an empty list and a bad record an error for its holder alone', async () => {
    const nobody = world.enterprises.find((e) => !holders.includes(e.uscc))!.uscc;
    const [empty, spoiled, fine] = await adapter.licencesByHolder([nobody, spoiledHolder, holders[3]!]);
    expect(empty).toEqual([]);
    expect(spoiled).toMatchObject({ extensions: { code: 'LEGACY_BAD_DATA', system: 'permit', key: spoiledHolder } });
    expect((spoiled as Error).message).toContain('XKLX');
    expect(Array.isArray(fine)).toBe(true);
  });

  it('maps certificates with the ID number masked at source, null for unknown numbers, aligned with duplicates', async () => {
    const cert = world.certificates[4]!;
    const result = await adapter.certificatesByNumber([
      cert.number,
      'TZT-319999999999',
      cert.number,
      spoiledCertificate,
    ]);
    const expected = {
      number: cert.number,
      item: cert.item,
      holderName: cert.holderName,
      holderIdNumber: `${cert.holderId.slice(0, 6)}********${cert.holderId.slice(14)}`,
      employerUscc: cert.employerUscc,
      issuedOn: cert.issuedOn,
      expiresOn: cert.expiresOn,
      suspension: null,
    };
    expect(result.slice(0, 3)).toEqual([expected, null, expected]);
    expect(result[3]).toMatchObject({ extensions: { code: 'LEGACY_BAD_DATA', key: spoiledCertificate } });
    expect(recorder.calls.map((c) => c.keys)).toEqual([3]);
  });

  it('maps a suspension period (暂扣) to ISO dates, and refuses a malformed one for its certificate alone, naming the element', async () => {
    const suspended = world.certificates.filter((c) => c.suspension).slice(0, 2);
    expect(suspended).toHaveLength(2);
    const fine = world.certificates.find((c) => !c.suspension && !badSuspensions.some((b) => b.number === c.number))!;
    const asked = [suspended[0]!.number, ...badSuspensions.map((b) => b.number), fine.number, suspended[1]!.number];
    const result = await adapter.certificatesByNumber(asked);
    expect(result).toHaveLength(asked.length);
    expect(result[0]).toMatchObject({ number: suspended[0]!.number, suspension: suspended[0]!.suspension });
    badSuspensions.forEach((bad, i) => {
      const error = result[1 + i] as LegacyError;
      expect(error, bad.number).toBeInstanceOf(LegacyError);
      expect(error.extensions).toMatchObject({ code: 'LEGACY_BAD_DATA', system: 'permit', key: bad.number });
      expect(error.message).toContain(bad.number);
      expect(error.message).toContain(bad.element);
      expect(error.message).toContain(bad.message);
    });
    // Nothing else in the batch is lost.
    expect(result[4]).toMatchObject({ number: fine.number, suspension: null });
    expect(result[5]).toMatchObject({ number: suspended[1]!.number, suspension: suspended[1]!.suspension });
  });

  it('finds certificates by holder ID number and spot checks by enterprise', async () => {
    const cert = world.certificates[7]!;
    const [held, none] = await adapter.certificatesByHolder([cert.holderId, '110101190001010000']);
    expect((held as readonly { number: string }[]).map((c) => c.number)).toEqual([cert.number]);
    expect(none).toEqual([]);
    // The ID-number lookup takes the service's WS-Security account; without it the service refuses.
    const anonymous = createPermitAdapter({ url: service.url, timeoutMs: 2000, logger });
    expect(await anonymous.certificatesByHolder([cert.holderId])).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('安全认证失败'),
        extensions: { code: 'LEGACY_UNAVAILABLE', system: 'permit' },
      }),
    ]);
    anonymous.close();
    const checked = world.spotChecks[0]!.uscc;
    const [checks] = await adapter.spotChecksByEnterprise([checked]);
    expect(checks).toEqual(
      world.spotChecks
        .filter((s) => s.uscc === checked)
        .map((s) => ({
          id: s.id,
          enterpriseUscc: s.uscc,
          checkedOn: s.checkedOn,
          result: s.result,
          authority: s.authority,
        })),
    );
  });
});

describe('batching', () => {
  it('cuts 120 keys into calls of at most 50, one per chunk', async () => {
    const keys = world.enterprises.slice(0, 120).map((e) => e.uscc);
    const result = await adapter.licencesByHolder(keys);
    expect(result).toHaveLength(120);
    expect(recorder.calls.map((c) => [c.operation, c.keys]).sort()).toEqual([
      ['licencesByHolder', 20],
      ['licencesByHolder', 50],
      ['licencesByHolder', 50],
    ]);
  });

  it('fails only the keys of a failed chunk', async () => {
    // A service that faults on any batch carrying one particular key, and answers the others.
    const poisoned = holders[1]!;
    const fake = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const inner = body.includes(poisoned)
          ? '<s:Fault><faultcode>s:Server</faultcode><faultstring>数据库连接超时</faultstring></s:Fault>'
          : `<CxZhjdccPlResponse xmlns="${PERMIT_NS}"/>`;
        res.writeHead(body.includes(poisoned) ? 500 : 200, { 'content-type': 'text/xml' });
        res.end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`,
        );
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const small = createPermitAdapter({
      url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/ws`,
      timeoutMs: 2000,
      logger,
      batchLimit: 2,
    });
    const result = await small.spotChecksByEnterprise(holders.slice(0, 5));
    expect(result.map((r) => (r instanceof LegacyError ? r.code : r))).toEqual([
      'LEGACY_UNAVAILABLE',
      'LEGACY_UNAVAILABLE',
      [],
      [],
      [],
    ]);
    small.close();
    await new Promise<void>((r) => fake.close(() => r()));
  });
});

describe('searching licences', () => {
  const expectedOrder = (rows: WorldLicence[]) =>
    rows
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.number.localeCompare(b.number))
      .map((l) => (l.number === spoiledLicence ? 'BAD' : l.number));

  it('pushes type, status and expiry window into the paged operation, in expiry order', async () => {
    const rows = world.licences.filter(
      (l) => l.status === 'VALID' && l.expiresOn >= '2026-11-01' && l.expiresOn <= '2028-12-31',
    );
    const result = await adapter.searchLicences(
      { status: 'VALID', expiresFrom: '2026-11-01', expiresTo: '2028-12-31' },
      { offset: 0, limit: 100 },
    );
    expect(result.total).toBe(rows.length);
    expect(numbersOf(result.items)).toEqual(expectedOrder(rows));
    const repair = await adapter.searchLicences({ type: 'REPAIR' }, { offset: 0, limit: 5 });
    expect(repair.items.length).toBeGreaterThan(0);
    expect(repair.items.every((l) => (l as { type: string }).type === 'REPAIR')).toBe(true);
    // No maintenance licence exists: asked for, the answer is empty without a call.
    recorder.clear();
    expect(await adapter.searchLicences({ type: 'MAINTENANCE' }, { offset: 0, limit: 5 })).toEqual({
      items: [],
      total: 0,
    });
    expect(recorder.count('permit', 'searchLicences')).toBe(0);
  });

  it('reads any window through the fewest service pages', async () => {
    const all = expectedOrder([...world.licences]);
    const window = await adapter.searchLicences({}, { offset: 7, limit: 45 });
    expect(numbersOf(window.items)).toEqual(all.slice(7, 52));
    expect(recorder.count('permit', 'searchLicences')).toBe(2);
    recorder.clear();
    const total = await adapter.searchLicences({}, { offset: 0, limit: 0 });
    expect(total).toEqual({ items: [], total: world.licences.length });
    expect(recorder.count('permit', 'searchLicences')).toBe(1);
  });

  it("finds holders recorded under a retired district code when asked for today's district", async () => {
    const result = await adapter.searchLicences({ district: '310106' }, { offset: 0, limit: 50 });
    // The spoiled holder's rows now say 310108; any other holder of 静安 is found as the register records it.
    const recorded = new Map(world.enterprises.map((e) => [e.uscc, e.recordedDistrict]));
    const inJingan = (uscc: string) => uscc === zhabeiHolder || ['310106', '310108'].includes(recorded.get(uscc)!);
    const expected = world.licences.filter((l) => inJingan(l.holderUscc));
    expect(expected.some((l) => l.holderUscc === zhabeiHolder)).toBe(true);
    expect(numbersOf(result.items).sort()).toEqual(expected.map((l) => l.number).sort());
  });
});

describe('faults', () => {
  it('maps a Server Fault and an outage to LEGACY_UNAVAILABLE, a truncated answer to LEGACY_BAD_DATA', async () => {
    service.setFaults({ errorRate: 1 });
    const [fault] = await adapter.certificatesByNumber([world.certificates[0]!.number]);
    expect(fault).toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE', system: 'permit' } });
    expect((fault as Error).message).toContain('server');
    service.setFaults({ errorRate: 0, outage: true });
    await expect(adapter.searchLicences({}, { offset: 0, limit: 5 })).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE', system: 'permit' },
    });
    // Six failures in a row have opened this adapter's breaker: a fresh adapter (its own guard) reads the cut answer.
    await expect(adapter.searchLicences({}, { offset: 0, limit: 5 })).rejects.toThrow('circuit breaker is open');
    service.setFaults({ outage: false, truncateRate: 1 });
    const fresh = createPermitAdapter({ url: service.url, timeoutMs: 2000, logger });
    const [cut] = await fresh.licencesByHolder([holders[2]!]);
    fresh.close();
    expect(cut).toMatchObject({ extensions: { code: 'LEGACY_BAD_DATA', system: 'permit' } });
  });

  it('reports a refused request (a service with a smaller limit) as LEGACY_UNAVAILABLE, and a slow one as LEGACY_TIMEOUT', async () => {
    const strict = await startPermitStandIn({ dir, host: '127.0.0.1', port: 0, batchLimit: 10 });
    const drifted = createPermitAdapter({ url: strict.url, timeoutMs: 100, logger, observers: [recorder.observer] });
    const [refused] = await drifted.licencesByHolder(world.enterprises.slice(0, 11).map((e) => e.uscc));
    expect(refused).toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE' } });
    expect((refused as Error).message).toContain('request refused');
    strict.setFaults({ latencyMs: 300 });
    const [late] = await drifted.spotChecksByEnterprise([holders[0]!]);
    expect(late).toMatchObject({ extensions: { code: 'LEGACY_TIMEOUT', system: 'permit' } });
    expect(recorder.calls.at(-1)?.outcome).toBe('LEGACY_TIMEOUT');
    drifted.close();
    await strict.stop();
  });

  it('refuses options outside the service limits, naming them', () => {
    expect(() => createPermitAdapter({ url: service.url, timeoutMs: 100, logger, batchLimit: 51 })).toThrow(
      'batchLimit must be 1..50, got 51',
    );
    expect(() => createPermitAdapter({ url: 'permit', timeoutMs: 100, logger })).toThrow('url must be an absolute URL');
  });
});
