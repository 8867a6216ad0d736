/**
 * A crowd against `npm start`: N concurrent clients asking one example operation (ElevatorFile by
 * default) for S seconds, while a prober on a thread of its own asks GET /health every 50 ms; prints
 * p50/p99/max of both, and errors. Loopback only, bounded (every request has a timeout; the run
 * stops by itself).
 *
 *   npx tsx bench/crowd.ts [--clients 200] [--seconds 20] [--operation ElevatorFile] [--scale demo]
 *                          [--checkout DIR]... | [--url GATEWAY_URL]
 *
 * With --checkout (repeatable; default this one) it starts each checkout's `bin/start.ts` in turn as a
 * child process (ports from PORT_BASE, default 5400; DATA_DIR default this checkout's data/, seeded
 * once and shared), runs the crowd and stops it with SIGTERM: before and after figures in one run.
 * With --url it runs against a gateway already listening. `--json` prints one JSON line per run instead
 * (bench/event-loop.ts reads it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { probeHealthWhile } from './health-prober.ts';
import { waitUntilUp } from './stack-process.ts';
import { loadOperation } from '../test/support/operations.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    operation: { type: 'string', default: 'ElevatorFile' },
    scale: { type: 'string', default: 'demo' },
    checkout: { type: 'string', multiple: true },
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
if (!(clients >= 1 && clients <= 1000) || !(seconds >= 1 && seconds <= 600))
  throw new Error('usage: bench/crowd.ts [--clients 1..1000] [--seconds 1..600] [--checkout DIR]... | [--url URL]');
const REQUEST_TIMEOUT_MS = 30_000;
const HEALTH_EVERY_MS = 50;

interface CrowdFigures {
  readonly requests: number;
  readonly errors: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly rps: number;
  readonly health: {
    readonly probes: number;
    readonly failed: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function crowd(gatewayUrl: string): Promise<CrowdFigures> {
  const operation = loadOperation(values.operation);
  const body = JSON.stringify({ query: operation.query, variables: operation.variables });
  const errorCodes: Record<string, number> = {};
  /** The answer's first error code, HTTP status or failure; undefined for a clean answer. */
  const ask = async (): Promise<string | undefined> => {
    try {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const answer = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      if (answer.errors) return answer.errors[0]?.extensions?.code ?? 'error';
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (error) {
      return (error as Error).name;
    }
  };
  if ((await ask()) !== undefined) throw new Error(`${values.operation} does not answer cleanly at ${gatewayUrl}`);

  const until = Date.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  const client = async () => {
    while (Date.now() < until) {
      const started = performance.now();
      const error = await ask();
      times.push(performance.now() - started);
      if (error !== undefined) {
        errors++;
        errorCodes[error] = (errorCodes[error] ?? 0) + 1;
      }
    }
  };
  const started = performance.now();
  const { health } = await probeHealthWhile(
    new URL('/health', gatewayUrl).href,
    Promise.all(Array.from({ length: clients }, client)),
    HEALTH_EVERY_MS,
    REQUEST_TIMEOUT_MS,
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    errorCodes,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    rps: times.length / elapsed,
    health: {
      probes: health.times.length,
      failed: health.failed,
      p50: percentile(health.times, 50),
      p99: percentile(health.times, 99),
      max: health.times.at(-1) ?? NaN,
    },
  };
}

/** Starts a checkout's `npm start` on the bench's ports; resolves with the gateway's URL once it is up. */
async function startCheckout(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const base = Number(process.env.PORT_BASE ?? 5400);
  const ports = {
    GATEWAY_PORT: base,
    SUBGRAPH_PORT_PERMIT: base + 1,
    SUBGRAPH_PORT_INSPECTION: base + 2,
    SUBGRAPH_PORT_ELEVATOR: base + 3,
    SUBGRAPH_PORT_CREDIT: base + 4,
    SUBGRAPH_PORT_SUPERVISION: base + 5,
    PERMIT_STANDIN_PORT: base + 6,
    ELEVATOR_STANDIN_PORT: base + 7,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: dir,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      SEED_SCALE: values.scale,
      DATA_DIR: process.env.DATA_DIR ?? resolve(import.meta.dirname, '../data'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url] = await waitUntilUp(child, 15 * 60_000, dir);
  return { url, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

const ms = (x: number) => x.toFixed(0);
function print(label: string, f: CrowdFigures): void {
  if (values.json) {
    console.log(JSON.stringify({ label, ...f }));
    return;
  }
  console.log(
    `| ${label} | ${f.requests} | ${f.rps.toFixed(0)} | ${f.errors}${
      f.errors
        ? ` (${Object.entries(f.errorCodes)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')})`
        : ''
    } | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.health.probes} | ${f.health.failed} | ${ms(f.health.p50)} | ${ms(f.health.p99)} | ${ms(f.health.max)} |`,
  );
}

if (!values.json) {
  console.log(
    `${clients} clients asking ${values.operation} for ${seconds} s; /health probed every ${HEALTH_EVERY_MS} ms`,
  );
  console.log(
    '| run | requests | req/s | errors | p50 ms | p99 ms | max ms | /health probes | failed | /health p50 ms | p99 ms | max ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
}
if (values.url) {
  print(values.url, await crowd(values.url));
} else {
  for (const dir of values.checkout ?? [resolve(import.meta.dirname, '..')]) {
    const { url, child } = await startCheckout(dir);
    try {
      print(dir, await crowd(url));
    } finally {
      await stopChild(child);
    }
  }
}
