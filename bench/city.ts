/**
 * `npm run bench:city`: the whole city, all-in-one, started on data already seeded. Seeds the city first
 * when DATA_DIR (default data/) has no complete city folder (not counted), then starts `bin/start.ts` as
 * a process of its own on loopback (bench/stack-process.ts) and measures the time until GET /ready
 * answers 200 and the peak resident memory of the stack's process (VmHWM, read every 500 ms), then
 * the example questions of docs/operations warm (median and p95 of a few runs each). At ready it prints
 * each thread's heap from the gateway's /metrics (where the memory is). A start that had to build the
 * indexes (none kept in the seeded folder for this seed and code: the first start after seeding, or a new
 * index format) is printed as such and followed by the start measured, which serves the indexes it kept.
 * Gives up after 15 minutes; stops the stack itself. Ends with one line: `city: ready N s, peak RSS N MiB`.
 *
 * Its ports: every part on port 0 (the system picks a free one), or, with CITY_PORT_BASE=N, the ports
 * N to N+7, for a machine where other stacks hold their own ranges (never the defaults 4000-4005, 4101, 4103).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { keptIndexPath } from '../subgraphs/common/index-file.ts';
import { postGraphql } from '../test/support/graphql.ts';
import { loadOperation, operationNames } from '../test/support/operations.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';
import { startStack, stopStack } from './stack-process.ts';

const SCALE = 'city';
const RUNS = Number(process.env.CITY_RUNS ?? 5);
const GIVE_UP_MS = 15 * 60_000;
const SAMPLE_MS = 500;
const dataDir = process.env.DATA_DIR ?? 'data';
const load1 = () => loadavg()[0]!.toFixed(1);
const mib = (kib: number) => Math.round(kib / 1024);
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

let stack: ChildProcess | undefined;
const giveUp = setTimeout(() => {
  console.error(`city: gave up after ${GIVE_UP_MS / 60_000} min`);
  const stopping = stack ? stopStack(stack) : Promise.resolve();
  void stopping.finally(() => process.exit(1));
}, GIVE_UP_MS);
giveUp.unref();

/** Seeds the city as `npm run seed -- city` does, unless a complete folder is there. */
async function seedIfNeeded(): Promise<void> {
  const config = readEmbeddedConfig({ ...process.env, SEED_SCALE: SCALE, DATA_DIR: dataDir });
  if (existsSync(join(seedFolder(config.dataDir, config), 'seeded.json'))) return;
  console.error(`seeding the city into ${config.dataDir} (not counted)`);
  const started = performance.now();
  const seeding = spawn(join(import.meta.dirname, '../node_modules/.bin/tsx'), ['bin/seed.ts', SCALE], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => seeding.once('exit', resolve));
  if (code !== 0) throw new Error(`seeding exited with ${code}`);
  console.error(`seeded in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** The process and its descendants (tsx runs the stack in a child node process). */
function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

function statusKib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** Peak RSS of the largest process of the tree (the stack; the tsx launcher is tiny), in KiB. */
function watchMemory(pid: number): { peakKib: () => number; stop: () => void } {
  let peak = 0;
  const sample = () => {
    try {
      for (const p of processTree(pid)) peak = Math.max(peak, statusKib(p, 'VmHWM'), statusKib(p, 'VmRSS'));
    } catch {
      // A process of the tree ended between listing and reading: the next sample sees the rest.
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    peakKib: () => (sample(), peak),
    stop: () => clearInterval(timer),
  };
}

/** The stack's ports from CITY_PORT_BASE (eight in a row), or none (every part on port 0). */
function portsFromBase(): Record<string, string> {
  const base = process.env.CITY_PORT_BASE;
  if (base === undefined) return {};
  const first = Number(base);
  if (!Number.isInteger(first) || first < 1024 || first > 65_527)
    throw new Error(`CITY_PORT_BASE must be a port from 1024 to 65527, got ${base}`);
  return Object.fromEntries(Object.keys(ZERO_PORTS).map((name, i) => [name, String(first + i)]));
}

/** Heap used and external memory of each thread, from the gateway's /metrics (prom-client's defaults). */
async function heapPerThread(url: string): Promise<string> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const of = (family: string) =>
    new Map(
      [...text.matchAll(new RegExp(`^${family}\\{[^}]*thread="(\\w+)"[^}]*\\} (\\S+)`, 'gm'))].map(
        (m) => [m[1]!, Math.round(Number(m[2]) / 2 ** 20)] as const,
      ),
    );
  const used = of('nodejs_heap_size_used_bytes');
  const external = of('nodejs_external_memory_bytes');
  return [...used]
    .map(([thread, mb]) => `${thread} heap ${mb} MiB + external ${external.get(thread) ?? '?'} MiB`)
    .join('; ');
}

async function untilReady(url: string): Promise<void> {
  const ready = new URL('/ready', url);
  for (;;) {
    const status = await fetch(ready).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** When each kept index was last written (0: none), to tell a start that built them from one that served them. */
function keptIndexTimes(): number[] {
  const config = readEmbeddedConfig({ ...process.env, SEED_SCALE: SCALE, DATA_DIR: dataDir });
  const keep = { dir: join(seedFolder(config.dataDir, config), 'indexes'), source: '' };
  return (['elevator', 'supervision'] as const).map((index) => {
    const path = keptIndexPath(keep, index);
    return existsSync(path) ? statSync(path).mtimeMs : 0;
  });
}

/** One start and the questions; the figures, and whether this start built (and kept) an index. */
async function measureStart(): Promise<{ builtIndexes: boolean; summary: string }> {
  const keptBefore = keptIndexTimes();
  const loadBefore = load1();
  const started = performance.now();
  let memory: ReturnType<typeof watchMemory> | undefined;
  const up = await startStack(SCALE, dataDir, portsFromBase(), (child) => {
    stack = child;
    memory = watchMemory(child.pid!);
  });
  const explorerS = (performance.now() - started) / 1000;
  try {
    await untilReady(up.url);
    const readyS = (performance.now() - started) / 1000;
    const startPeak = memory!.peakKib();
    console.log(
      `started in ${explorerS.toFixed(1)} s (Explorer line), ready in ${readyS.toFixed(1)} s; peak RSS at ready ${mib(startPeak)} MiB; load average ${loadBefore} before, ${load1()} at ready`,
    );
    console.log(`at ready: ${await heapPerThread(up.url)}`);
    console.log(`| question | median ms | p95 ms |`);
    console.log('|---|---:|---:|');
    for (const name of operationNames()) {
      const { query, variables } = loadOperation(name);
      const warm = await postGraphql(up.url, query, variables);
      if (warm.errors) throw new Error(`${name}: ${JSON.stringify(warm.errors.slice(0, 2))}`);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await postGraphql(up.url, query, variables);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`| ${name} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} |`);
    }
    const peak = memory!.peakKib();
    console.log(`load average ${load1()} after the questions; ${RUNS} warm runs each after one warm-up`);
    const builtIndexes = keptIndexTimes().some((time, i) => time !== keptBefore[i]);
    return { builtIndexes, summary: `city: ready ${Math.round(readyS)} s, peak RSS ${mib(peak)} MiB` };
  } finally {
    memory?.stop();
    await stopStack(up.child);
  }
}

await seedIfNeeded();
let result = await measureStart();
if (result.builtIndexes) {
  // None kept for this seed and code (a first start, or the index format changed): the figures above are a
  // first start's, bounded by the platform's rate limit. The start measured is the next one, which serves them.
  console.log(`${result.summary} (this start built and kept the indexes: a first start; measuring the next)`);
  result = await measureStart();
}
console.log(result.summary);
clearTimeout(giveUp);
