/**
 * Late files are never lost silently (README, "Late files"): an increment that arrives after later
 * files were applied is applied and those files applied again after it, which gives the state of an
 * in-order run; one dated on or before its dataset's newest snapshot is recorded as superseded; one
 * whose successors can no longer be read is held until an operator applies it.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditChange } from '../../legacy/seed/world.ts';
import { creditTestWorld, testUscc } from '../../test/support/credit/hand-world.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';
import { deliverFile, linesBody, moveFiles, snapshotBody, snapshotName } from '../../test/support/credit/deliveries.ts';
import type { CreditAdapter } from './adapter.ts';
import { createCreditAdapter } from './index.ts';
import type { CreditProfile } from './types.ts';

const world = creditTestWorld();
// testUscc(17) has no 2025 annual report: one arrives on the 22nd, and the enterprise is struck off on the 23rd.
const day22: CreditChange[] = [
  { kind: 'riskClass', on: '2026-10-22', uscc: testUscc(0), riskClass: 'C' },
  {
    kind: 'annualReport',
    on: '2026-10-22',
    report: { uscc: testUscc(17), year: 2025, filedOn: '2026-10-22', onTime: false },
  },
];
const day23: CreditChange[] = [
  { kind: 'riskClass', on: '2026-10-23', uscc: testUscc(0), riskClass: 'A' },
  { kind: 'removeEnterprise', on: '2026-10-23', uscc: testUscc(17) },
];
const LATE = ['XYFXFL_INC_20261022.csv', 'QYNB_INC_20261022.csv'];
const usccs = [...world.credit.snapshot.enterprises, ...world.enterprises].map((e) => e.uscc);
const penaltyLine = (n: number, i: number) =>
  `沪市监静处〔2026〕${n}号,上海信用测试${i}号有限公司,${testUscc(i)},未按规定进行特种设备维护保养,罚款人民币10000元,上海市静安区市场监督管理局,20261022,I`;

describe('late credit files (PGlite)', () => {
  let drop: TempDrop;
  let adapter: CreditAdapter;
  const profile = async (i: number) => (await adapter.creditProfiles([testUscc(i)]))[0] as CreditProfile;

  beforeAll(async () => {
    drop = await tempDrop(world);
    await drop.feed.dropDay('2026-10-22', day22);
    await drop.feed.dropDay('2026-10-23', day23);
    adapter = await createCreditAdapter({ dropDir: drop.dropDir, timeoutMs: 10_000, logger: quietLogger() });
  });
  afterAll(async () => {
    await adapter?.close();
    await drop?.cleanup();
  });

  it('applies increments that arrive after later ones in order: the later files are applied again after them', async () => {
    const away = join(drop.root, 'in-transit');
    await moveFiles(drop.dropDir, away, LATE);
    const first = await adapter.ingest();
    expect(first.applied).toEqual(expect.arrayContaining(['QYJBXX_INC_20261023.csv', 'XYFXFL_INC_20261023.csv']));
    expect((await profile(0)).riskClass).toBe('A');

    await moveFiles(away, drop.dropDir, LATE);
    expect((await adapter.ingest()).applied).toEqual(LATE);
    // Applied alone, the late files would have set class C and left a report of an enterprise struck off since.
    expect((await profile(0)).riskClass).toBe('A');
    expect((await profile(17)).annualReports).toEqual([]);
    expect((await adapter.verdicts()).filter((v) => LATE.includes(v.file)).map((v) => v.reason)).toEqual([
      'late: dated before QYJBXX_INC_20261023.csv, which was already applied; applied, then the 2 files after it applied again in order',
      'late: dated before QYJBXX_INC_20261023.csv, which was already applied; applied, then the 2 files after it applied again in order',
    ]);
  });

  it('records an increment dated on or before its dataset’s newest snapshot as superseded, and applies nothing of it', async () => {
    // A newer risk-class snapshot (the classes as they stand)...
    const current = await adapter.creditProfiles(usccs);
    const classes = {
      ...world.credit.snapshot,
      riskClasses: Object.fromEntries(
        current.flatMap((p) => (p instanceof Error || !p.riskClass ? [] : [[p.uscc, p.riskClass]])),
      ),
    };
    const snapshot = snapshotName('XYFXFL', '2026-10-24');
    await deliverFile(drop.dropDir, snapshot, snapshotBody(classes, 'XYFXFL', '2026-10-24'));
    expect((await adapter.ingest()).applied).toEqual([snapshot]);
    // ...then an increment of a day it covers, and one dated before the first snapshot of its dataset.
    const before = await portState(adapter, usccs);
    await deliverFile(
      drop.dropDir,
      'XYFXFL_INC_20261024.csv',
      linesBody('XYFXFL', [`${testUscc(0)},上海信用测试0号有限公司,D,20261024,U`]),
    );
    await deliverFile(drop.dropDir, 'XZCF_INC_20261017.csv', linesBody('XZCF', [penaltyLine(9001, 2)]));

    expect(await adapter.ingest()).toMatchObject({
      applied: [],
      superseded: ['XZCF_INC_20261017.csv', 'XYFXFL_INC_20261024.csv'],
    });
    const after = await portState(adapter, usccs);
    expect(after.enterprises).toEqual(before.enterprises);
    expect(after.profiles).toEqual(before.profiles);
    expect(after.freshness.supersededFiles).toBe(2);
    expect((await adapter.verdicts()).find((v) => v.file === 'XZCF_INC_20261017.csv')?.reason).toBe(
      'superseded by snapshot XZCF_FULL_20261018.csv (dated 2026-10-18), which already holds its content',
    );
  });

  it('holds a late file whose successors can no longer be read, until an operator applies it', async () => {
    const away = join(drop.root, 'cleaned-up');
    await moveFiles(drop.dropDir, away, ['XYFXFL_INC_20261023.csv']);
    const late = 'XZCF_INC_20261022.csv';
    await deliverFile(drop.dropDir, late, linesBody('XZCF', [penaltyLine(9002, 17), penaltyLine(9003, 7)]));
    expect((await adapter.ingest()).held).toEqual([late]);
    expect((await adapter.freshness()).heldFiles).toMatchObject([
      {
        dataset: 'PENALTY',
        file: late,
        reason:
          'late: dated before QYJBXX_INC_20261023.csv, which was already applied; the files after it cannot be applied again because XYFXFL_INC_20261023.csv is no longer in the drop directory',
        rows: 2,
        currentRows: null,
      },
    ]);
    expect((await profile(7)).penalties.map((p) => p.decisionNumber)).not.toContain('沪市监静处〔2026〕9003号');

    await moveFiles(away, drop.dropDir, ['XYFXFL_INC_20261023.csv']);
    expect(await adapter.applyHeld(late)).toMatchObject({ status: 'APPLIED', reapplied: 3 });
    expect((await profile(7)).penalties.map((p) => p.decisionNumber)).toContain('沪市监静处〔2026〕9003号');
    // In order, the penalty of the 22nd went with the enterprise struck off on the 23rd.
    expect((await profile(17)).penalties).toEqual([]);
  });

  // A second store (an initdb): slow on a loaded machine, hence the longer timeout.
  it('ends in the state of one in-order pass over the same files', { timeout: 120_000 }, async () => {
    const inOrder = join(drop.root, 'in-order');
    await cp(drop.dropDir, inOrder, { recursive: true });
    const clean = await createCreditAdapter({ dropDir: inOrder, timeoutMs: 10_000, logger: quietLogger() });
    await clean.ingest();
    const [expected, actual] = [await portState(clean, usccs), await portState(adapter, usccs)];
    await clean.close();
    expect(actual.enterprises).toEqual(expected.enterprises);
    expect(actual.profiles).toEqual(expected.profiles);
  });
});
