/**
 * Ingestion on embedded PGlite from the credit stand-in's drop directory: order, state, quarantine,
 * no double application, whole-file refusals, done-markers.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ROW_KINDS, type BadRowKind } from '../../legacy/credit/index.ts';
import { creditTestWorld, testUscc } from '../../test/support/credit/hand-world.ts';
import type { CreditAdapter } from './adapter.ts';
import { createCreditAdapter } from './index.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';

const world = creditTestWorld();
const REASON: Record<BadRowKind, RegExp> = {
  INVALID_USCC: /^统一社会信用代码: invalid USCC '.{18}': check character should be/,
  BROKEN_ENCODING: /^not valid GBK/,
  WRONG_COLUMN_COUNT: /^wrong column count: expected \d+, got \d+$/,
  DUPLICATE_ROW: /^duplicate row: same as line \d+$/,
  UNPARSEABLE_DATE: /日期: unparseable date '20191345'/,
};

const gbkFile = (lines: string[]) =>
  execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: lines.map((l) => `${l}\r\n`).join('') });
const marker = (body: Buffer, sha = createHash('sha256').update(body).digest('hex')) =>
  `size=${body.length}\nsha256=${sha}\n`;
const REGISTER_HEADER = '统一社会信用代码,企业名称,企业类型,法定代表人,注册地址,行政区划,登记状态,成立日期,操作标志';
const registerRow = (i: number, name: string) =>
  `${testUscc(i)},${name},有限责任公司,王建国,上海市测试路${i}号,310101,存续,20000110,U`;

describe('credit ingestion (PGlite)', () => {
  let drop: TempDrop;
  let adapter: CreditAdapter;

  beforeAll(async () => {
    drop = await tempDrop(world);
    adapter = await createCreditAdapter({ dropDir: drop.dropDir, timeoutMs: 5000, pollMs: 20, logger: quietLogger() });
  });
  afterAll(async () => {
    await adapter?.close();
    await drop?.cleanup();
  });

  it('applies the snapshot, then every increment in order, to the state of the world at its as-of date', async () => {
    const report = await adapter.ingest();
    expect(report.applied).toEqual(drop.feed.dropped.map((f) => f.name));
    expect(report.applied.slice(0, 2)).toEqual(['QYJBXX_FULL_20261018.csv', 'XYFXFL_FULL_20261018.csv']);

    const state = await portState(adapter, [testUscc(1), testUscc(3), testUscc(5), testUscc(7)]);
    const expected = [...world.enterprises].sort((a, b) => a.uscc.localeCompare(b.uscc));
    expect(state.enterprises.map((e) => [e.uscc, e.name, e.status, e.recordedDistrictCode, e.establishedOn])).toEqual(
      expected.map((e) => [e.uscc, e.name, e.status, e.recordedDistrict, e.establishedOn]),
    );
    expect(await adapter.enterprisesByUscc([testUscc(4), testUscc(2)])).toMatchObject([
      null,
      { name: '上海信用测试2号(集团)有限公司' },
    ]);
    // The removed enterprise took its credit records with it.
    expect(await adapter.creditProfiles([testUscc(4)])).toEqual([
      {
        uscc: testUscc(4),
        riskClass: null,
        riskClassifiedOn: null,
        annualReports: [],
        penalties: [],
        abnormalListings: [],
        seriousViolations: [],
      },
    ]);
    // The retired Zhabei code maps to Jing'an, and keeps the recorded value.
    expect(state.enterprises.find((e) => e.uscc === testUscc(3))).toMatchObject({
      districtCode: '310106',
      recordedDistrictCode: '310108',
    });
    const [p1, p3, p5, p7] = state.profiles as Exclude<(typeof state.profiles)[number], Error>[];
    expect(p1?.riskClass).toBe('D');
    expect(p3?.annualReports[0]).toEqual({ year: 2025, filedOn: '2026-10-19', onTime: false });
    expect(p5?.abnormalListings).toEqual([
      {
        reason: 'UNREACHABLE_AT_ADDRESS',
        listedOn: '2026-10-20',
        listedBy: '上海市市场监督管理局',
        removedOn: '2026-10-21',
        removalReason: '依法办理住所变更登记',
        removedBy: '上海市市场监督管理局',
      },
    ]);
    expect(p7?.penalties.map((p) => p.decisionNumber)).toEqual(['沪市监闵处〔2026〕2001号']);
    expect(state.freshness).toEqual({
      newestFileDate: '2026-10-21',
      appliedFiles: 14,
      rejectedFiles: 0,
      supersededFiles: 0,
      quarantinedRows: drop.feed.badRows.length,
      heldFiles: [],
    });
  });

  it('quarantines every planted bad row with its file, line and reason, and nothing else', async () => {
    expect(new Set(drop.feed.badRows.map((b) => b.kind))).toEqual(new Set(BAD_ROW_KINDS));
    const quarantined = await adapter.quarantined();
    expect(quarantined.map((q) => [q.file, q.line])).toEqual(
      drop.feed.badRows
        .map((b) => [b.file, b.line])
        .sort(([f1, l1], [f2, l2]) => String(f1).localeCompare(String(f2)) || Number(l1) - Number(l2)),
    );
    for (const bad of drop.feed.badRows) {
      const entry = quarantined.find((q) => q.file === bad.file && q.line === bad.line);
      expect(entry?.reason, `${bad.kind} at ${bad.file}:${bad.line}`).toMatch(REASON[bad.kind]);
    }
  });

  it('applies no file twice', async () => {
    const before = await adapter.freshness();
    expect(await adapter.ingest()).toEqual({ applied: [], rejected: [], held: [], superseded: [], waiting: [] });
    expect(await adapter.freshness()).toEqual(before);
  });

  it('reads no file before its done-marker, and holds back later files of the same dataset meanwhile', async () => {
    const day22 = gbkFile([REGISTER_HEADER, registerRow(0, '上海信用测试零号有限公司')]);
    const day23 = gbkFile([REGISTER_HEADER, registerRow(0, '上海信用测试〇号有限公司')]);
    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261022.csv'), day22);
    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261023.csv'), day23);
    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261023.csv.ok'), marker(day23));
    expect(await adapter.ingest()).toMatchObject({ applied: [], rejected: [], waiting: ['QYJBXX_INC_20261022.csv'] });
    expect((await adapter.enterprisesByUscc([testUscc(0)]))[0]).toMatchObject({ name: '上海信用测试0号有限公司' });

    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261022.csv.ok'), marker(day22));
    expect((await adapter.ingest()).applied).toEqual(['QYJBXX_INC_20261022.csv', 'QYJBXX_INC_20261023.csv']);
    expect((await adapter.enterprisesByUscc([testUscc(0)]))[0]).toMatchObject({ name: '上海信用测试〇号有限公司' });
  });

  it('refuses whole a file that cannot be decoded and one that does not match its marker; the last good data keeps serving', async () => {
    drop.feed.setFaults({ errorRate: 1 });
    const renamed = { ...world.enterprises.find((e) => e.uscc === testUscc(1))!, name: '不应出现的名称有限公司' };
    await drop.feed.dropDay('2026-10-24', [{ kind: 'upsertEnterprise', on: '2026-10-24', enterprise: renamed }]);
    drop.feed.setFaults({ errorRate: 0 });
    const damaged = gbkFile([REGISTER_HEADER, registerRow(2, '损坏的名称有限公司')]);
    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261025.csv'), damaged);
    await writeFile(join(drop.dropDir, 'QYJBXX_INC_20261025.csv.ok'), marker(damaged, '0'.repeat(64)));

    const report = await adapter.ingest();
    expect(report.rejected).toEqual(['QYJBXX_INC_20261024.csv', 'QYJBXX_INC_20261025.csv']);
    const reasons = (await adapter.quarantined()).filter((q) => q.line === 0);
    expect(reasons.map((q) => [q.file, q.reason.split(/[:(]/)[0]])).toEqual([
      ['QYJBXX_INC_20261024.csv', 'header is not valid GBK '],
      [
        'QYJBXX_INC_20261025.csv',
        expect.stringMatching(/^SHA-256 [0-9a-f]{64} does not match the done-marker's 0{64}$/),
      ],
    ]);
    expect(await adapter.enterprisesByUscc([testUscc(1), testUscc(2)])).toMatchObject([
      { name: '上海信用测试1号有限公司' },
      { name: '上海信用测试2号(集团)有限公司' },
    ]);
    expect(await adapter.freshness()).toMatchObject({ newestFileDate: '2026-10-23', rejectedFiles: 2 });
  });

  it('picks up a newly dropped day while polling, answering queries meanwhile, and stops', async () => {
    const waitFor = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await check()).toBe(true);
    };
    const riskOf = async (i: number) =>
      ((await adapter.creditProfiles([testUscc(i)]))[0] as { riskClass: string }).riskClass;
    adapter.start();
    await drop.feed.dropDay('2026-10-26', [{ kind: 'riskClass', on: '2026-10-26', uscc: testUscc(0), riskClass: 'C' }]);
    expect(await adapter.enterprisesByUscc([testUscc(0)])).toHaveLength(1);
    await waitFor(async () => (await riskOf(0)) === 'C');
    expect((await adapter.freshness()).newestFileDate).toBe('2026-10-26');

    await adapter.stop();
    await drop.feed.dropDay('2026-10-27', [{ kind: 'riskClass', on: '2026-10-27', uscc: testUscc(0), riskClass: 'A' }]);
    await new Promise((r) => setTimeout(r, 150));
    expect(await riskOf(0)).toBe('C');
  });
});
