/**
 * How long each thread of the embedded start stalls: the gateway's (this script's main thread), the
 * subgraph thread's and the legacy thread's longest event-loop delay (max) and p99, read from the gateway's /metrics
 * (`nodejs_eventloop_lag_{max,p99}_seconds{thread=…}`, prom-client's monitorEventLoopDelay, reset at each
 * scrape, so each scrape covers one phase): during start-up, during each index rebuild, and under a
 * crowd (bench/crowd.ts in a child process) while both indexes are rebuilt.
 *
 *   npx tsx bench/event-loop.ts [test|demo|city] [--clients 50] [--seconds 20] [--fresh-credit]
 *
 * --fresh-credit removes the seeded folder's credit store first, so start-up parses and applies every
 * credit drop file (at city scale, the register of every enterprise). Other variables as for npm start
 * (DATA_DIR; on a crowded machine, ELEVATOR_TIMEOUT_MS, PERMIT_TIMEOUT_MS, INSPECTION_TIMEOUT_MS and
 * CREDIT_TIMEOUT_MS of 60000 let a city start survive the stand-ins sharing their thread, e.g. while the
 * platform's stand-in first filters 1.2 million maintenance records).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { createLogger } from '../runtime/logger.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    'fresh-credit': { type: 'boolean', default: false },
  },
});
const scale = positionals[0] ?? 'demo';
if (!['test', 'demo', 'city'].includes(scale)) throw new Error('usage: bench/event-loop.ts [test|demo|city] [options]');
const env = {
  ...process.env,
  ...ZERO_PORTS,
  SEED_SCALE: scale,
  DATA_DIR: process.env.DATA_DIR ?? 'data',
  LOG_LEVEL: 'warn',
};
if (values['fresh-credit'])
  rmSync(join(seedFolder(env.DATA_DIR, readEmbeddedConfig(env)), 'credit-store'), { recursive: true, force: true });

const THREADS = ['gateway', 'subgraphs', 'legacy'] as const;
console.log('| phase | thread | longest stall (max delay) ms | p99 delay ms |');
console.log('|---|---|---:|---:|');

/** Scrapes /metrics (which resets both threads' delay histograms) and records the phase's figures. */
async function phase(metricsUrl: string, label: string): Promise<void> {
  const text = await (await fetch(metricsUrl)).text();
  const gauge = (name: string, thread: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`thread="${thread}"`));
    return Number(line?.split(' ').at(-1)) * 1000;
  };
  for (const thread of THREADS)
    console.log(
      `| ${label} | ${thread} | ${gauge('nodejs_eventloop_lag_max_seconds', thread).toFixed(0)} | ${gauge('nodejs_eventloop_lag_p99_seconds', thread).toFixed(0)} |`,
    );
}

const started = performance.now();
const stack = await startEmbeddedStack(env, createLogger({ level: 'warn', name: 'event-loop' }));
const metricsUrl = new URL('/metrics', stack.gateway.url).href;
const notes: string[] = [`scale ${scale}: up in ${((performance.now() - started) / 1000).toFixed(1)} s`];
try {
  await phase(metricsUrl, 'start-up');
  for (const name of ['elevator', 'supervision'] as const) {
    const built = await stack.refreshIndex(name);
    await phase(metricsUrl, `${name} index rebuild (${(built.ms / 1000).toFixed(1)} s)`);
  }

  const crowd = promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'crowd.ts'),
      '--url',
      stack.gateway.url,
      '--clients',
      values.clients,
      '--seconds',
      values.seconds,
      '--json',
    ],
    { timeout: (Number(values.seconds) + 120) * 1000 },
  );
  const rebuilt: string[] = [];
  for (const name of ['elevator', 'supervision'] as const)
    rebuilt.push(`${name} ${((await stack.refreshIndex(name)).ms / 1000).toFixed(1)} s`);
  const figures = JSON.parse((await crowd).stdout.trim().split('\n').at(-1)!) as {
    requests: number;
    errors: number;
    p50: number;
    p99: number;
    health: { p99: number; max: number };
  };
  await phase(metricsUrl, `${values.clients} clients for ${values.seconds} s, both indexes rebuilt meanwhile`);
  notes.push(
    `under load: ${figures.requests} ElevatorFile answers (${figures.errors} with errors), p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms; /health p99 ${figures.health.p99.toFixed(0)} ms, max ${figures.health.max.toFixed(0)} ms; rebuilds meanwhile: ${rebuilt.join(', ')}`,
  );
} finally {
  await stack.stop();
}
console.log(notes.join('\n'));
