/**
 * Atomicity and resumption on a PGlite data directory: a failure injected half-way through a file
 * leaves none of that file behind; a restart on the same directory resumes at exactly that file and
 * ends in the same state as a clean run.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditTestWorld } from '../../legacy/credit/test-world.ts';
import { createCreditAdapter } from './index.ts';
import { type PortState, type TempDrop, portState, quietLogger, tempDrop } from './testing.ts';

const world = creditTestWorld(200);
const usccs = world.credit.snapshot.enterprises.map((e) => e.uscc);
const CRASHING_FILE = 'QYNB_FULL_20261018.csv';

describe('credit ingestion atomicity and resumption', () => {
  const drops: TempDrop[] = [];
  let clean: PortState;

  beforeAll(async () => {
    const drop = await tempDrop(world);
    drops.push(drop);
    // The clean baseline runs in memory: the state is compared through the port, whatever holds it.
    const adapter = await createCreditAdapter({ dropDir: drop.dropDir, timeoutMs: 10_000, logger: quietLogger() });
    await adapter.ingest();
    clean = await portState(adapter, usccs);
    await adapter.close();
  });
  afterAll(async () => {
    for (const d of drops) await d.cleanup();
  });

  it('rolls a file back whole when ingestion dies half-way, and a restart resumes at that file to the clean state', async () => {
    const drop = await tempDrop(world);
    drops.push(drop);
    const storeDir = join(drop.root, 'store');
    const chunksSeen: number[] = [];
    const crashing = await createCreditAdapter({
      dropDir: drop.dropDir, storeDir, timeoutMs: 10_000, logger: quietLogger(), chunkRows: 40,
      afterChunk: (file, written) => {
        if (file !== CRASHING_FILE) return;
        chunksSeen.push(written);
        if (written >= 200) throw new Error('simulated crash half-way through the file');
      },
    });
    await expect(crashing.ingest()).rejects.toThrow('credit system failed on applyDropFile');
    expect(chunksSeen).toEqual([40, 80, 120, 160, 200]); // 200 of the file's ~400 rows were written before the crash
    const during = await portState(crashing, usccs);
    expect(during.freshness).toMatchObject({ appliedFiles: 2 }); // QYJBXX and XYFXFL snapshots only
    expect(during.profiles.every((p) => !(p instanceof Error) && p.annualReports.length === 0)).toBe(true);
    await crashing.close();

    const restarted = await createCreditAdapter({ dropDir: drop.dropDir, storeDir, timeoutMs: 10_000, logger: quietLogger() });
    const report = await restarted.ingest();
    expect(report.applied[0]).toBe(CRASHING_FILE);
    expect(report.applied).toEqual(drop.feed.dropped.map((f) => f.name).slice(2));
    expect(await portState(restarted, usccs)).toEqual(clean);
    expect(await restarted.ingest()).toEqual({ applied: [], rejected: [], waiting: [] });
    await restarted.close();
  });
});
