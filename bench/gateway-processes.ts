/**
 * The processes bench/gateway.ts runs: the demo stack (whose subgraphs every gateway fetches from), this
 * gateway and a stock @apollo/gateway, each a child process, the gateways pinned to one core when
 * `taskset` exists. Loopback only; every wait is bounded.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { waitUntilUp } from './stack-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const STACK_START_TIMEOUT_MS = 15 * 60_000;
const GATEWAY_START_TIMEOUT_MS = 120_000;

export interface BenchProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** `taskset -c <core>` when the machine has it and that core; otherwise the command unpinned. */
function pinned(core: number | undefined, command: string, args: string[]): [string, string[]] {
  if (core === undefined) return [command, args];
  try {
    execFileSync('taskset', ['-c', String(core), 'true'], { stdio: 'ignore' });
    return ['taskset', ['-c', String(core), command, ...args]];
  } catch {
    return [command, args];
  }
}

/**
 * The gateways as production runs them, compiled to JavaScript (dist/, `npm run build:gateway`), the
 * stock gateway beside them (dist/bench/): neither pays for a TypeScript loader in memory or start time.
 */
export function buildGateways(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'bin/build-gateway.ts'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      'bench/stock-gateway.ts',
      ...['--outDir', 'dist/bench', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022'],
      ...['--skipLibCheck', '--esModuleInterop', '--types', 'node'],
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/**
 * The Node options `npm run start:gateway:compiled` gives the gateway (package.json: a heap bound that
 * makes V8 collect the old generation early, bench/README.md), so the benchmark runs it as production does.
 */
function gatewayNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return scripts['start:gateway:compiled']!.split(/\s+/).filter((arg) => arg.startsWith('--'));
}

/** A TypeScript file run through tsx, or its compiled twin in dist/ when `compiled`; `nodeOptions` before it. */
function spawnTs(
  file: string,
  env: Record<string, string>,
  core: number | undefined,
  compiled = false,
  nodeOptions: string[] = [],
): ChildProcess {
  const run = [...nodeOptions, ...(compiled ? [`dist/${file.replace(/\.ts$/, '.js')}`] : ['--import', 'tsx', file])];
  const [command, args] = pinned(core, process.execPath, run);
  return spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The subgraph URLs of a stack started with `base`. */
export function subgraphUrls(base: number): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${base + 1 + SUBGRAPHS.indexOf(name)}/graphql`]),
  ) as Record<SubgraphName, string>;
}

/**
 * `npm start` (demo city) on ports from `base`, its subgraphs accepting unsigned requests so that the
 * stock gateway may reach them too (SUBGRAPH_ACCEPT_UNSIGNED: benchmarks only). Its own gateway idles.
 */
export async function startStack(base: number, dataDir: string, core: number | undefined): Promise<BenchProcess> {
  const urls = subgraphUrls(base);
  const env: Record<string, string> = {
    GATEWAY_PORT: String(base),
    PERMIT_STANDIN_PORT: String(base + 6),
    ELEVATOR_STANDIN_PORT: String(base + 7),
    DATA_DIR: dataDir,
    SEED_SCALE: 'demo',
    SUBGRAPH_ACCEPT_UNSIGNED: 'true',
    LEGACY_FAULT_CONTROL: 'off',
  };
  for (const name of SUBGRAPHS) env[`SUBGRAPH_PORT_${name.toUpperCase()}`] = new URL(urls[name]).port;
  const child = spawnTs('bin/start.ts', env, core);
  const [url] = await waitUntilUp(child, STACK_START_TIMEOUT_MS, 'the stack');
  child.stdout!.resume();
  return { child, url };
}

/**
 * This gateway (`npm run start:gateway`) over the stack's subgraphs, anonymous callers allowed and rate
 * limits out of the way (one caller makes every request here). `env` adds settings (caches off…).
 */
export async function startOurGateway(
  port: number,
  base: number,
  core: number | undefined,
  compiled: boolean,
  env: Record<string, string> = {},
): Promise<BenchProcess> {
  const urls = subgraphUrls(base);
  const settings: Record<string, string> = {
    GATEWAY_PORT: String(port),
    GATEWAY_SIGNING_SECRET: randomBytes(32).toString('base64url'),
    GATEWAY_ANONYMOUS: 'true',
    GATEWAY_RATE_PER_SECOND: '1000000',
    GATEWAY_RATE_BURST: '1000000',
    ...env,
  };
  for (const name of SUBGRAPHS) settings[`SUBGRAPH_URL_${name.toUpperCase()}`] = urls[name];
  const child = spawnTs('bin/gateway.ts', settings, core, compiled, gatewayNodeOptions());
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}/graphql`;
  await answering(url, child);
  return { child, url };
}

/** A stock @apollo/gateway with its defaults (bench/stock-gateway.ts) over the stack's subgraphs. */
export async function startStockGateway(
  port: number,
  base: number,
  core: number | undefined,
  compiled: boolean,
): Promise<BenchProcess> {
  const urls = subgraphUrls(base);
  const env: Record<string, string> = {
    STOCK_PORT: String(port),
    STOCK_SUPERGRAPH_PATH: join(ROOT, 'schema/supergraph.graphql'),
  };
  for (const name of SUBGRAPHS) env[`STOCK_SUBGRAPH_URL_${name.toUpperCase()}`] = urls[name];
  const child = spawnTs('bench/stock-gateway.ts', env, core, compiled);
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}/`;
  await answering(url, child);
  return { child, url };
}

/** Waits until `url` answers `{ __typename }`, or fails when the process ends or time runs out. */
async function answering(url: string, child: ChildProcess): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const until = Date.now() + GATEWAY_START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (exited !== undefined) throw new Error(`the gateway at ${url} exited with ${exited} before it answered`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the gateway at ${url} did not answer within ${GATEWAY_START_TIMEOUT_MS / 1000} s`);
}

/** The process's peak resident set so far (VmHWM), in MB; NaN where /proc is not there. */
export function peakRssMb(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
