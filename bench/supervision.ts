/**
 * Figures of the supervision subgraph over the embedded stack: one index build (time and legacy calls
 * per system), the subgraph thread's heap, and each question's latency straight to the subgraph, first answer
 * after a build (computed) and warm (median/p95 of the remembered answer).
 * `npx tsx bench/supervision.ts [test|demo|city] [runs]` (default demo, 30).
 * The stack keeps its seeded data under DATA_DIR (default data/), so a second run skips seeding.
 */
import { CallRecorder } from '../adapters/core/calls.ts';
import { SYSTEMS } from '../graph/names.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { addDays } from '../runtime/clock.ts';
import { createLogger } from '../runtime/logger.ts';
import { postGraphql } from '../test/support/graphql.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';
import { isPollerCall } from '../test/support/supervision/answers.ts';

const scale = process.argv[2] ?? 'demo';
const runs = Number(process.argv[3] ?? 30);
if (!['test', 'demo', 'city'].includes(scale) || !(runs >= 1))
  throw new Error('usage: bench/supervision.ts [test|demo|city] [runs >= 1]');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const recorder = new CallRecorder();
const stack = await startEmbeddedStack(
  { ...ZERO_PORTS, SEED_SCALE: scale, DATA_DIR: process.env.DATA_DIR ?? 'data', LOG_LEVEL: 'warn' },
  createLogger({ level: 'warn', name: 'measure' }),
  { observers: [recorder.observer] },
);
const url = stack.gateway.subgraphs.get('supervision')!;
/** A default metric of the subgraph thread, read from the gateway's /metrics. */
async function subgraphThreadGauge(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('thread="subgraphs"'));
  return Number(line?.split(' ').at(-1));
}

try {
  recorder.clear();
  // Rebuilt on the subgraph thread, timed there.
  const built = await stack.refreshIndex('supervision');
  const { sizes } = built;
  const buildCalls = recorder.calls.filter((c) => !isPollerCall(c));
  const perSystem = SYSTEMS.map((s) => `${s} ${buildCalls.filter((c) => c.system === s).length}`).join(', ');
  const byOperation = new Map<string, { n: number; ms: number }>();
  for (const c of buildCalls) {
    const entry = byOperation.get(`${c.system}.${c.operation}`) ?? { n: 0, ms: 0 };
    byOperation.set(`${c.system}.${c.operation}`, { n: entry.n + 1, ms: entry.ms + c.durationMs });
  }
  const operations = [...byOperation]
    .map(([op, { n, ms }]) => `${op} ${n} (mean ${(ms / n).toFixed(1)} ms)`)
    .join(', ');
  console.log(`stack up in ${(stack.startupMs / 1000).toFixed(1)} s (both indexes built before the gateway opened)`);
  console.log(
    `scale ${scale}: ${sizes.elevators} elevators, ${sizes.records} maintenance records, ${sizes.licences} licences, ${sizes.holders} holders, ${sizes.skipped} skipped`,
  );
  console.log(
    `index build: ${(built.ms / 1000).toFixed(2)} s; legacy calls: ${perSystem} (${buildCalls.length} in all: ${operations})`,
  );
  console.log(
    `subgraph thread heap used ${mb(await subgraphThreadGauge('nodejs_heap_size_used_bytes'))} (both indexes and the adapters' state; PGlite's memory is outside it); process RSS ${mb(process.memoryUsage().rss)}`,
  );

  // Enterprises to ask about: companies with uncovered work, then maintenance companies; and the index's today.
  const sample = await postGraphql(
    stack.gateway.url,
    `{ unlicensedWork(kind: MAINTENANCE, first: 100) { to nodes { enterprise { uscc } } }
       maintenanceCompanyRanking(first: 100) { nodes { company { uscc } } } }`,
  );
  const today: string = sample.data.unlicensedWork.to;
  const usccs = [
    ...new Set([
      ...sample.data.unlicensedWork.nodes.map((n: any) => n.enterprise.uscc as string),
      ...sample.data.maintenanceCompanyRanking.nodes.map((n: any) => n.company.uscc as string),
    ]),
  ].slice(0, 100);
  const questions: Record<string, { query: string; variables?: Record<string, unknown> }> = {
    'Enterprise.licenceCompliance x100': {
      query:
        'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { licenceCompliance { compliant maintenance { uncoveredRecords reasons { reason records } } installation { uncoveredRecords } } } } }',
      variables: { reps: usccs.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
    },
    'certificateLending first 100': {
      query:
        '{ certificateLending(first: 100) { totalCount nodes { certificate { number } companies { uscc } overLimitDays { date elevators } } } }',
    },
    'certificateLending limit 8, last 30 days': {
      query: `{ certificateLending(dailyElevatorLimit: 8, from: "${addDays(today, -29)}", first: 100) { totalCount } }`,
    },
    'unlicensedWork MAINTENANCE first 100 (work first 20)': {
      query:
        '{ unlicensedWork(kind: MAINTENANCE, first: 100) { totalCount nodes { enterprise { uscc } records reasons { reason records } work(first: 20) { nodes { recordId date reason } } } } }',
    },
    'unlicensedWork INSTALLATION in 310115': {
      query:
        '{ unlicensedWork(kind: INSTALLATION, district: "310115", first: 100) { totalCount nodes { records work(first: 20) { nodes { date reason } } } } }',
    },
    licenceHoldersMissingAnnualReport: {
      query: `{ licenceHoldersMissingAnnualReport(year: ${Number(today.slice(0, 4)) - 1}, first: 100) { totalCount nodes { enterprise { uscc } licenceTypes } } }`,
    },
  };
  console.log(`| question | first after build ms | warm median ms | warm p95 ms | legacy calls |`);
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, q] of Object.entries(questions)) {
    recorder.clear();
    const t0 = performance.now();
    const first = await postGraphql(url, q.query, q.variables);
    const firstMs = performance.now() - t0;
    if (first.errors) throw new Error(`${name}: ${JSON.stringify(first.errors.slice(0, 2))}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await postGraphql(url, q.query, q.variables);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${firstMs.toFixed(1)} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${recorder.calls.filter((c) => !isPollerCall(c)).length} |`,
    );
  }
} finally {
  await stack.stop();
}
