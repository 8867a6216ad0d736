/**
 * The elevator platform stand-in's store loaded alone: load time, heap and external memory after GC,
 * and the process's peak RSS (what the load's transient garbage costs the start).
 *   node --expose-gc --import tsx bench/elevator-store.ts load <store folder>
 */
import { loadElevatorStore } from '../legacy/elevator/store.ts';

const MiB = 1024 * 1024;
const [mode, dir] = process.argv.slice(2);
if (mode !== 'load' || !dir) throw new Error('usage: bench/elevator-store.ts load <store folder>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

gc();
const before = process.memoryUsage();
const started = performance.now();
const store = loadElevatorStore(dir);
const loadMs = Math.round(performance.now() - started);
gc();
const after = process.memoryUsage();
const { maxRSS } = process.resourceUsage(); // KiB
console.log(
  JSON.stringify({
    loadMs,
    heapMiB: +((after.heapUsed - before.heapUsed) / MiB).toFixed(1),
    externalMiB: +((after.external - before.external) / MiB).toFixed(1),
    rssAfterMiB: Math.round(after.rss / MiB),
    peakRssMiB: Math.round(maxRSS / 1024),
    store: Object.keys(store).length > 0,
  }),
);
