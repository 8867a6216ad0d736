/**
 * The dashboards' questions through the gateway, warm: median and p95 latency of each example operation
 * in docs/operations, the legacy calls one run costs per system, and the peak memory of the all-in-one
 * process. `npx tsx bench/questions.ts [demo|city] [runs]` (default demo, 30 runs). The stack keeps
 * its seeded data under DATA_DIR (default data/), so a second run skips seeding and loading.
 */
import { CallRecorder } from '../adapters/core/calls.ts';
import { SYSTEMS } from '../graph/names.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { createLogger } from '../runtime/logger.ts';
import { postGraphql } from '../test/support/graphql.ts';
import { loadOperation, operationNames } from '../test/support/operations.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';

const scale = process.argv[2] ?? 'demo';
const runs = Number(process.argv[3] ?? 30);
if (!['test', 'demo', 'city'].includes(scale) || !(runs >= 1))
  throw new Error('usage: npx tsx bench/questions.ts [test|demo|city] [runs >= 1]');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const recorder = new CallRecorder();
const started = performance.now();
const stack = await startEmbeddedStack(
  { ...ZERO_PORTS, SEED_SCALE: scale, DATA_DIR: process.env.DATA_DIR ?? 'data', LOG_LEVEL: 'warn' },
  createLogger({ level: 'warn', name: 'bench' }),
  { observers: [recorder.observer] },
);
console.log(
  `scale ${scale}: stack up in ${((performance.now() - started) / 1000).toFixed(1)} s; ${runs} timed runs per question after one warm-up`,
);
console.log(`| question | median ms | p95 ms | legacy calls per run (${SYSTEMS.join(' / ')}) | answer KB |`);
console.log('|---|---:|---:|---|---:|');
try {
  for (const name of operationNames()) {
    const operation = loadOperation(name);
    const warm = await postGraphql(stack.gateway.url, operation.query, operation.variables);
    if (warm.errors) throw new Error(`${name}: ${JSON.stringify(warm.errors.slice(0, 2))}`);
    recorder.clear();
    await postGraphql(stack.gateway.url, operation.query, operation.variables);
    const calls = SYSTEMS.map((s) => recorder.count(s)).join(' / ');
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const body = await postGraphql(stack.gateway.url, operation.query, operation.variables);
      times.push(performance.now() - t);
      bytes = JSON.stringify(body).length;
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${calls} | ${(bytes / 1024).toFixed(1)} |`,
    );
  }
} finally {
  const memory = process.memoryUsage();
  console.log(
    `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; now: RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}`,
  );
  await stack.stop();
}
