/**
 * npm run bench:gateway -- [--ops A,B] [--connections 10] [--duration 8] [--warmup 3] [--no-stock] [--no-bare] [--tsx]
 *
 * This gateway against a stock @apollo/gateway (default configuration, Apollo Server's standalone
 * server) over the same running subgraphs: the demo stack (`npm start`, its subgraphs accepting
 * unsigned requests for this run) on core 0, then each gateway alone in a child process pinned to
 * core 1: stock, this one with its caches, this one with caches off (GATEWAY_RESPONSE_CACHE=off), and
 * unless --no-bare this one without identical in-flight fetches shared either (GATEWAY_SUBGRAPH_DEDUPE=false). For
 * each example operation of docs/operations (with its variables): `connections` clients each sending
 * the same operation, `warmup` seconds unmeasured, then `duration` seconds measured (autocannon).
 * Every gateway's answer to each operation must equal stock's. Prints per operation RPS, p50 and p99,
 * the ratio to stock, each gateway's peak RSS, and a last line:
 *   geomean vs stock: caches on N.NN×, caches off N.NN×, gateway peak RSS N MB
 * Both gateways run compiled to JavaScript (dist/, built first), or under tsx with --tsx; this one
 * with the Node options of `npm run start:gateway:compiled`, stock with Node's defaults.
 * Ports from GATEWAY_BENCH_PORT_BASE (default 5600); DATA_DIR default this checkout's data/ (seeded
 * once and kept).
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadOperation, operationNames } from '../test/support/operations.ts';
import {
  type BenchProcess,
  buildGateways,
  peakRssMb,
  startOurGateway,
  startStack,
  startStockGateway,
  stopProcess,
} from './gateway-processes.ts';

const { values } = parseArgs({
  options: {
    ops: { type: 'string' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    'no-stock': { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
    'no-bare': { type: 'boolean', default: false },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
if (!(connections >= 1 && connections <= 500) || !(duration >= 1 && duration <= 300) || !(warmup >= 0 && warmup <= 60))
  throw new Error('usage: bench:gateway -- [--ops A,B] [--connections 1..500] [--duration 1..300] [--warmup 0..60]');
const ops = values.ops ? values.ops.split(',').map((s) => s.trim()) : operationNames();
for (const op of ops) if (!operationNames().includes(op)) throw new Error(`no operation ${op} in docs/operations`);

const base = Number(process.env.GATEWAY_BENCH_PORT_BASE ?? 5600);
const dataDir = process.env.DATA_DIR ?? resolve(import.meta.dirname, '../data');
const STACK_CORE = 0;
const GATEWAY_CORE = 1;

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Requests that failed or answered other than 2xx. */
  readonly failed: number;
}

/** on: every cache; off: the response cache off (GATEWAY_RESPONSE_CACHE=off); bare: no shared fetches either. */
type Run = 'stock' | 'on' | 'off' | 'bare';

function bodyOf(op: string): string {
  const { query, variables } = loadOperation(op);
  return JSON.stringify({ query, variables, operationName: op });
}

async function answerOf(url: string, op: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodyOf(op),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || answer.errors) throw new Error(`${op} at ${url}: HTTP ${res.status} ${JSON.stringify(answer.errors)}`);
  return JSON.stringify(answer.data);
}

async function load(url: string, op: string, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodyOf(op),
    connections,
    duration: seconds,
    timeout: 30,
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.non2xx,
  };
}

const figures = new Map<Run, Map<string, Figures>>();
const peaks = new Map<Run, number>();
const answers = new Map<string, string>();

/** The answer without its freshness stamps, which move between runs (figures are recounted behind them). */
const comparable = (answer: string) => answer.replace(/"(computedAt|refreshedAt)":"[^"]*"/g, '"$1":"…"');

/** One gateway, started for one operation: its answer checked against stock's, then loaded and measured. */
async function measure(run: Run, op: string, start: () => Promise<BenchProcess>): Promise<void> {
  const gateway = await start();
  try {
    const answer = comparable(await answerOf(gateway.url, op));
    const expected = answers.get(op);
    if (expected === undefined) answers.set(op, answer);
    else if (expected !== answer) throw new Error(`${op}: the ${run} answer differs from the first gateway's`);
    if (warmup > 0) await load(gateway.url, op, warmup);
    const f = await load(gateway.url, op, duration);
    if (!figures.has(run)) figures.set(run, new Map());
    figures.get(run)!.set(op, f);
    peaks.set(run, Math.max(peaks.get(run) ?? 0, peakRssMb(gateway.child)));
    console.error(`  ${op} ${run}: ${f.rps.toFixed(0)} RPS, p50 ${f.p50} ms, p99 ${f.p99} ms, failed ${f.failed}`);
  } finally {
    await stopProcess(gateway.child);
  }
}

const geomean = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const load1 = () => loadavg()[0]!.toFixed(1);

const compiled = !values.tsx;
if (compiled) buildGateways();
const loadBefore = load1();
const stack = await startStack(base, dataDir, STACK_CORE);
try {
  console.error(
    `stack up (${stack.url}); ${ops.length} operations, ${connections} clients, ${warmup}+${duration} s each`,
  );
  // Gateways in turn for each operation, so that a change in the machine's other load falls on all three alike.
  for (const op of ops) {
    if (!values['no-stock'])
      await measure('stock', op, () => startStockGateway(base + 10, base, GATEWAY_CORE, compiled));
    await measure('on', op, () => startOurGateway(base + 11, base, GATEWAY_CORE, compiled));
    await measure('off', op, () =>
      startOurGateway(base + 12, base, GATEWAY_CORE, compiled, { GATEWAY_RESPONSE_CACHE: 'off' }),
    );
    if (!values['no-bare'])
      await measure('bare', op, () =>
        startOurGateway(base + 13, base, GATEWAY_CORE, compiled, {
          GATEWAY_RESPONSE_CACHE: 'off',
          GATEWAY_SUBGRAPH_DEDUPE: 'false',
        }),
      );
  }
} finally {
  await stopProcess(stack.child);
}
console.log(`\nload average (1 min) before ${loadBefore}, after ${load1()}; ${cpus().length} cores`);

const cell = (f: Figures | undefined) =>
  f ? `${f.rps.toFixed(0)} | ${f.p50} / ${f.p99}${f.failed ? ` (${f.failed} failed)` : ''}` : '– | –';
const ratio = (run: Run, op: string) => {
  const ours = figures.get(run)?.get(op);
  const stock = figures.get('stock')?.get(op);
  return ours && stock ? ours.rps / stock.rps : NaN;
};
const runs: readonly Run[] = ['on', 'off', 'bare', 'stock'];
const titles: Record<Run, string> = { on: 'caches on', off: 'caches off', bare: 'off, no sharing', stock: 'stock' };
const shown = runs.filter((run) => figures.has(run));
const compared = shown.filter((run) => run !== 'stock' && figures.has('stock'));
console.log(
  `| operation | ${shown.map((run) => `${titles[run]} RPS | p50 / p99 ms`).join(' | ')} | ${compared.map((run) => `${titles[run]} ÷ stock`).join(' | ')} |`,
);
console.log(`|---|${shown.map(() => '---:|---:|').join('')}${compared.map(() => '---:|').join('')}`);
for (const op of ops)
  console.log(
    `| ${op} | ${shown.map((run) => cell(figures.get(run)?.get(op))).join(' | ')} | ${compared.map((run) => `${ratio(run, op).toFixed(2)}×`).join(' | ')} |`,
  );
const mb = (run: Run) => (peaks.has(run) ? `${peaks.get(run)!.toFixed(0)} MB` : '–');
const gm = (run: Run) => geomean(ops.map((op) => ratio(run, op))).toFixed(2);
console.log(`\npeak RSS: ${shown.map((run) => `${titles[run]} ${mb(run)}`).join(', ')}`);
if (figures.has('bare')) console.log(`geomean vs stock, response cache off and no shared fetches: ${gm('bare')}×`);
const ourPeak = Math.max(...(['on', 'off', 'bare'] as const).map((run) => peaks.get(run) ?? 0));
console.log(
  `geomean vs stock: caches on ${gm('on')}×, caches off ${gm('off')}×, gateway peak RSS ${ourPeak.toFixed(0)} MB`,
);
