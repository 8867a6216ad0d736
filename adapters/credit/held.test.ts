/**
 * Files that could lose data are held, not applied: a snapshot with no usable rows or one that would
 * shrink its dataset by more than the allowed share. They show in the freshness, the log and a metric,
 * until an operator applies or refuses them or a newer snapshot supersedes them. A refused or held file
 * is judged again when delivered with other bytes, and never again for the same bytes.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../core/calls.ts';
import { Metrics } from '../../runtime/metrics.ts';
import { creditTestWorld, testUscc } from '../../test/support/credit/hand-world.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';
import {
  deliverFile,
  headerOnlyBody,
  linesBody,
  registerLine,
  registerSnapshot,
  snapshotName,
} from '../../test/support/credit/deliveries.ts';
import type { CreditAdapter } from './adapter.ts';
import { OperatorRefusal, createCreditAdapter } from './index.ts';

const world = creditTestWorld();
const usccs = world.enterprises.map((e) => e.uscc);
const registerOf = (n: number) => registerSnapshot(world, n, '2026-10-18');
const nothing = { applied: [], rejected: [], held: [], superseded: [], waiting: [] };

describe('held credit files (PGlite)', () => {
  let drop: TempDrop;
  let adapter: CreditAdapter;
  const metrics = new Metrics({ defaults: false });
  const recorder = new CallRecorder();
  const registerSize = async () => (await adapter.searchEnterprises({}, { offset: 0, limit: 1 })).total;
  const heldGauge = async () =>
    Number(/equipment_graph_credit_held_files\{dataset="register"\} (\d+)/.exec(await metrics.render())?.[1]);

  beforeAll(async () => {
    drop = await tempDrop(world);
    adapter = await createCreditAdapter({
      dropDir: drop.dropDir,
      timeoutMs: 10_000,
      logger: quietLogger(),
      metrics,
      observers: [recorder.observer],
    });
    await adapter.ingest();
  });
  afterAll(async () => {
    await adapter?.close();
    await drop?.cleanup();
  });

  it('holds a header-only register snapshot with a correct marker: the register is untouched, the reason reported', async () => {
    const before = await portState(adapter, usccs);
    expect(before.enterprises).toHaveLength(30);
    const name = snapshotName('QYJBXX', '2026-10-30');
    await deliverFile(drop.dropDir, name, headerOnlyBody('QYJBXX'));

    expect(await adapter.ingest()).toEqual({ ...nothing, held: [name] });
    const after = await portState(adapter, usccs);
    expect(after.enterprises).toEqual(before.enterprises);
    expect(after.profiles).toEqual(before.profiles);
    expect(after.freshness.heldFiles).toEqual([
      {
        dataset: 'REGISTER',
        file: name,
        reason: 'no usable rows (0 lines quarantined): applying it would empty a dataset of 30 rows',
        rows: 0,
        currentRows: 30,
        since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    expect(after.freshness.newestFileDate).toBe(before.freshness.newestFileDate);
    expect(await heldGauge()).toBe(1);
  });

  it('does not read or judge the same bytes again on later passes', async () => {
    recorder.clear();
    expect(await adapter.ingest()).toEqual(nothing);
    expect(recorder.count('credit', 'readDropFile')).toBe(0);
    expect(recorder.count('credit', 'applyDropFile')).toBe(0);
    expect(recorder.count('credit', 'readDropMarker')).toBe(1);
  });

  it('holds a snapshot that would shrink the register by 30%, applies one that shrinks it by 10%, which supersedes both held', async () => {
    const shrink30 = snapshotName('QYJBXX', '2026-10-31');
    await deliverFile(drop.dropDir, shrink30, registerOf(21));
    expect(await adapter.ingest()).toEqual({ ...nothing, held: [shrink30] });
    expect(await registerSize()).toBe(30);
    expect((await adapter.freshness()).heldFiles.map((h) => [h.file, h.reason, h.rows, h.currentRows])).toEqual([
      [snapshotName('QYJBXX', '2026-10-30'), expect.stringMatching(/^no usable rows/), 0, 30],
      [shrink30, 'would shrink the dataset by 30%, from 30 to 21 rows (at most 20% applies by itself)', 21, 30],
    ]);
    expect(await heldGauge()).toBe(2);

    const shrink10 = snapshotName('QYJBXX', '2026-11-01');
    await deliverFile(drop.dropDir, shrink10, registerOf(27));
    expect(await adapter.ingest()).toEqual({ ...nothing, applied: [shrink10] });
    expect(await registerSize()).toBe(27);
    const freshness = await adapter.freshness();
    expect(freshness).toMatchObject({ heldFiles: [], supersededFiles: 2, newestFileDate: '2026-11-01' });
    expect((await adapter.verdicts()).filter((v) => v.status === 'SUPERSEDED').map((v) => v.reason)).toEqual([
      expect.stringMatching(/^superseded by snapshot QYJBXX_FULL_20261101\.csv/),
      expect.stringMatching(/^superseded by snapshot QYJBXX_FULL_20261101\.csv/),
    ]);
    expect(await heldGauge()).toBe(0);
  });

  it('applies a held snapshot when an operator asks, and refuses to apply a file that is not held', async () => {
    const name = snapshotName('QYJBXX', '2026-11-02');
    await deliverFile(drop.dropDir, name, registerOf(10));
    expect((await adapter.ingest()).held).toEqual([name]);
    expect(await registerSize()).toBe(27);

    expect(await adapter.applyHeld(name)).toMatchObject({
      kind: 'VERDICT',
      status: 'APPLIED',
      rows: 10,
      currentRows: 27,
      reason: 'applied by an operator',
    });
    expect(await registerSize()).toBe(10);
    expect((await adapter.freshness()).heldFiles).toEqual([]);
    expect(await heldGauge()).toBe(0);
    await expect(adapter.applyHeld(name)).rejects.toThrow(new OperatorRefusal(`${name} is APPLIED, not held`));
    await expect(adapter.applyHeld('QYJBXX_FULL_20261231.csv')).rejects.toThrow(/has no verdict yet/);
  });

  it('records a held file an operator refuses as refused; it no longer waits', async () => {
    const name = snapshotName('QYJBXX', '2026-11-03');
    await deliverFile(drop.dropDir, name, headerOnlyBody('QYJBXX'));
    expect((await adapter.ingest()).held).toEqual([name]);
    const rejectedBefore = (await adapter.freshness()).rejectedFiles;
    await adapter.rejectHeld(name);
    expect(await adapter.freshness()).toMatchObject({ heldFiles: [], rejectedFiles: rejectedBefore + 1 });
    expect((await adapter.verdicts()).find((v) => v.file === name)).toMatchObject({
      status: 'REJECTED',
      reason: expect.stringMatching(/^refused by an operator; it was held: no usable rows/),
    });
    expect(await registerSize()).toBe(10);
  });

  it('judges a refused file again once it is delivered with other bytes, and only then', async () => {
    const name = 'QYJBXX_INC_20261104.csv';
    const lines = [registerLine(1, '上海信用测试壹号有限公司')];
    // First delivered in UTF-8, which no GBK reader decodes.
    await deliverFile(drop.dropDir, name, linesBody('QYJBXX', lines, 'utf8'));
    expect(await adapter.ingest()).toEqual({ ...nothing, rejected: [name] });
    recorder.clear();
    expect(await adapter.ingest()).toEqual(nothing);
    expect(recorder.count('credit', 'applyDropFile')).toBe(0);

    await deliverFile(drop.dropDir, name, linesBody('QYJBXX', lines));
    expect(await adapter.ingest()).toEqual({ ...nothing, applied: [name] });
    expect((await adapter.enterprisesByUscc([testUscc(1)]))[0]).toMatchObject({ name: '上海信用测试壹号有限公司' });
    expect((await adapter.quarantined()).filter((q) => q.file === name)).toEqual([]);
  });

  it('judges a file damaged under a correct marker again once its bytes are delivered whole', async () => {
    const name = 'QYJBXX_INC_20261105.csv';
    const good = linesBody('QYJBXX', [registerLine(1, '上海信用测试一号有限公司')]);
    const damaged = Buffer.from(good);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 5) ^ 1, damaged.length - 5);
    await deliverFile(drop.dropDir, name, damaged, createHash('sha256').update(good).digest('hex'));
    expect(await adapter.ingest()).toEqual({ ...nothing, rejected: [name] });
    expect(await adapter.ingest()).toEqual(nothing);

    await deliverFile(drop.dropDir, name, good);
    expect(await adapter.ingest()).toEqual({ ...nothing, applied: [name] });
    expect((await adapter.enterprisesByUscc([testUscc(1)]))[0]).toMatchObject({ name: '上海信用测试一号有限公司' });
  });
});
