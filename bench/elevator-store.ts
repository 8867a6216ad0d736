/**
 * The elevator platform stand-in's store loaded alone: load time, heap and external memory (typed
 * arrays, file bytes) after GC, and the process's peak RSS (what the load's transient garbage costs).
 *   node --expose-gc --import tsx bench/elevator-store.ts load <store folder>
 * A folder seeded by older code (seed format 13: elevators.json, maintenance.ndjson, alarms.ndjson)
 * is written in this code's form into another folder, to measure it without seeding a city again:
 *   node --import tsx bench/elevator-store.ts convert <old store folder> <new store folder>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DtWorld } from '../legacy/elevator/records.ts';
import { loadElevatorStore, writeElevatorStore } from '../legacy/elevator/store.ts';

const MiB = 1024 * 1024;
const [mode, from, to] = process.argv.slice(2);

function load(dir: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const store = loadElevatorStore(dir);
  const loadMs = Math.round(performance.now() - started);
  gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      records: store.elevators.length + store.maintenance.length + store.alarms.length,
      loadMs,
      heapMiB: +((after.heapUsed - before.heapUsed) / MiB).toFixed(1),
      externalMiB: +((after.external - before.external) / MiB).toFixed(1),
      rssAfterMiB: Math.round(after.rss / MiB),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

function convert(oldDir: string, newDir: string): void {
  const lines = <T>(file: string) =>
    readFileSync(join(oldDir, file), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as T);
  const started = performance.now();
  const world: DtWorld = {
    elevators: JSON.parse(readFileSync(join(oldDir, 'elevators.json'), 'utf8')) as DtWorld['elevators'],
    maintenance: lines('maintenance.ndjson'),
    alarms: lines('alarms.ndjson'),
  };
  const read = performance.now();
  writeElevatorStore(world, newDir);
  console.log(
    JSON.stringify({ readMs: Math.round(read - started), writeMs: Math.round(performance.now() - read), newDir }),
  );
}

if (mode === 'load' && from) load(from);
else if (mode === 'convert' && from && to) convert(from, to);
else throw new Error('usage: bench/elevator-store.ts load <folder> | convert <old folder> <new folder>');
