/**
 * What a kept elevator index costs to restore: a kept file of the former form (the snapshot's objects in V8's
 * serialisation) against the same snapshot kept as a table (subgraphs/elevator/index-rows.ts). Each step in a
 * process of its own, so each heap is its own: read, SHA-256, deserialise, restore (ms), heap after GC with
 * the snapshot held and the file's buffer dropped, the process's peak RSS by then, the file's size; and the
 * pass a build runs to share its rows' repeated values and the write of a kept file (ms, the longest turn of
 * the event loop each held and the longest GC pause meanwhile; the rows' heap before and after the pass).
 *
 *   node --expose-gc --import tsx bench/kept-index.ts <folder with elevator-index.v8 of format 1>
 *
 * The folder is read only; the table form is written to a temporary folder, removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { deserialize } from 'node:v8';
import { createLogger } from '../runtime/logger.ts';
import { Slicer } from '../runtime/slices.ts';
import { IndexFile } from '../subgraphs/common/index-file.ts';
import { keptElevatorIndex, shareRepeatedValues } from '../subgraphs/elevator/index-rows.ts';
import type { IndexSnapshot } from '../subgraphs/elevator/register-index.ts';

const [folder, step, converted] = process.argv.slice(2);
if (!folder) throw new Error('usage: bench/kept-index.ts <folder with elevator-index.v8>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const FORMER = join(folder, 'elevator-index.v8');
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const timed = async <T>(run: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, Math.round(performance.now() - started)];
};

/** `run` timed, with the longest turn of the event loop it held and the longest GC pause meanwhile (ms). */
async function watched<T>(run: () => Promise<T>) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let longestGcMs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGcMs = Math.max(longestGcMs, Math.round(entry.duration));
  });
  gcs.observe({ entryTypes: ['gc'] });
  loop.enable();
  const [value, ms] = await timed(run);
  loop.disable();
  // GC entries are delivered on a later turn.
  await new Promise((resolve) => setTimeout(resolve, 10));
  gcs.disconnect();
  return { value, ms, longestTurnMs: Math.round(loop.max / 1e6), longestGcMs };
}

/** Read, checked and deserialised as IndexFile.read does, each step timed. */
async function readSteps(path: string) {
  const [file, readMs] = await timed(() => readFileSync(path));
  const end = file.indexOf(0x0a);
  const header = JSON.parse(file.subarray(0, end).toString('utf8')) as { sha256: string; source: string };
  const body = file.subarray(end + 1);
  const [sha, checkMs] = await timed(() => createHash('sha256').update(body).digest('hex'));
  if (sha !== header.sha256) throw new Error(`${path}: checksum does not match`);
  const [kept, deserialiseMs] = await timed(() => deserialize(body) as unknown);
  return { kept, source: header.source, readMs, checkMs, deserialiseMs };
}

const logger = createLogger({ level: 'warn', name: 'bench' });
const tableFile = (path: string, source: string) =>
  new IndexFile<IndexSnapshot>({ path, format: 2, source, logger, form: keptElevatorIndex });

async function runStep(): Promise<Record<string, number | string>> {
  const baseline = heapAfterGc();
  switch (step) {
    case 'former': {
      const { kept, source, readMs, checkMs, deserialiseMs } = await readSteps(FORMER);
      const heap = heapAfterGc() - baseline;
      const peakRss = process.resourceUsage().maxRSS * 1024;
      const rows = (kept as IndexSnapshot).elevators.length;
      // Written again as it was (the snapshot itself), to the scratch file the table form replaces next.
      const formerFile = new IndexFile<unknown>({ path: converted!, format: 1, source, logger });
      const write = await watched(() => formerFile.write(kept));
      return {
        readMs,
        checkMs,
        deserialiseMs,
        restoreMs: 0,
        heapMiB: mib(heap),
        peakRssMiB: mib(peakRss),
        rows,
        writeMs: write.ms,
        longestTurnMs: write.longestTurnMs,
      };
    }
    case 'convert': {
      const { kept, source } = await readSteps(FORMER);
      const write = await watched(() => tableFile(converted!, source).write(kept as IndexSnapshot));
      return { writeMs: write.ms, longestTurnMs: write.longestTurnMs, longestGcMs: write.longestGcMs };
    }
    case 'table': {
      const { kept, readMs, checkMs, deserialiseMs } = await readSteps(converted!);
      const [snapshot, restoreMs] = await timed(() => keptElevatorIndex.restore(kept));
      const heap = heapAfterGc() - baseline;
      const peakRssMiB = mib(process.resourceUsage().maxRSS * 1024);
      return {
        readMs,
        checkMs,
        deserialiseMs,
        restoreMs,
        heapMiB: mib(heap),
        peakRssMiB,
        rows: snapshot.elevators.length,
      };
    }
    case 'share': {
      let rows: IndexedRows | undefined = ((await readSteps(FORMER)).kept as IndexSnapshot).elevators;
      const before = heapAfterGc() - baseline;
      const share = await watched(() => shareRepeatedValues(rows!, new Slicer()));
      rows = undefined;
      const after = heapAfterGc() - baseline;
      return {
        shareMs: share.ms,
        longestTurnMs: share.longestTurnMs,
        longestGcMs: share.longestGcMs,
        rowsHeapBeforeMiB: mib(before),
        rowsHeapAfterMiB: mib(after),
        rows: share.value.length,
      };
    }
    default:
      throw new Error(`unknown step ${String(step)}`);
  }
}
type IndexedRows = IndexSnapshot['elevators'];

if (step) {
  process.stdout.write(`${JSON.stringify(await runStep())}\n`);
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'eg-kept-index-'));
  const path = join(scratch, 'elevator-index.v8');
  const run = (name: string) => {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, folder, name, path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`step ${name} failed`);
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    console.log(name.padEnd(8), JSON.stringify(figures));
  };
  try {
    console.log(`former form: ${(statSync(FORMER).size / 1e6).toFixed(1)} MB`);
    run('former');
    run('convert');
    console.log(`table form: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
    run('table');
    run('share');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
