/**
 * Hostile and careless clients against the demo stack, as `npm start` runs it (a child process on ports
 * 5100-5107, or from HOSTILE_PORT_BASE): for each hostile operation, how long the gateway takes to refuse it,
 * the CPU and memory it costs the server, the subgraph fetches and legacy calls it causes and the slowest
 * /health answer meanwhile; then a flood of clients asking ElevatorFile, with /health probed throughout.
 * Clients wait Retry-After after a 503 unless HOSTILE_IGNORE_RETRY_AFTER=1. Last, in this process, the limits' walk over a doubling chain as it grows from 10 to 1,000 fragments.
 * `npx tsx bench/hostile.ts [floodSeconds=10] [clients=200] [chainFragments=22,30]`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Supergraph } from '@apollo/federation-internals';
import { type OperationDefinitionNode, parse } from 'graphql';
import { demandFromSupergraph } from '../graph/limits/demand.ts';
import { fragmentsOf, measureOperation } from '../graph/limits/measure.ts';
import { schemaFile } from '../graph/sdl.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZERO_PORTS } from '../test/support/stack.ts';
import { loadOperation } from '../test/support/operations.ts';
import { aliasedIntrospection, aliasedSearch, doublingChain } from '../test/support/hostile-queries.ts';

const floodSeconds = Number(process.argv[2] ?? 10);
const clients = Number(process.argv[3] ?? 200);
const chains = (process.argv[4] ?? '22,30').split(',').filter(Boolean).map(Number);
const base = Number(process.env.HOSTILE_PORT_BASE ?? 5100);

const ports = Object.fromEntries(Object.keys(ZERO_PORTS).map((name, i) => [name, String(base + i)]));
const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) =>
  Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : Math.round(value).toString();

/** The server's own figures, read from its /metrics: CPU seconds, RSS, subgraph fetches, legacy calls. */
async function serverFigures() {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const sum = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);
  return {
    cpuSeconds: sum('process_cpu_seconds_total'),
    rssBytes: sum('process_resident_memory_bytes'),
    fetches: sum('equipment_graph_subgraph_fetches_total'),
    legacyCalls: sum('equipment_graph_legacy_calls_total'),
  };
}

/** /health latencies, probed every 20 ms until `until` settles; a probe that fails counts as Infinity. */
async function probeHealth(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const ok = await fetch(`${gateway}/health`).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    latencies.push(ok ? performance.now() - started : Infinity);
    await sleep(20);
  }
  return latencies;
}

/**
 * Posts an operation on `agent`'s connections. Each flood client has an agent of its own, one keep-alive
 * connection as a separate client would: fetch's shared pool would queue most of the flood inside this process.
 */
function post(
  query: string,
  variables: Record<string, unknown> = {},
  agent: http.Agent = shared,
): Promise<{ status: number; text: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${gateway}/graphql`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text, retryAfter: response.headers['retry-after'] }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query, variables }));
  });
}
const shared = new http.Agent({ keepAlive: true });

async function refusal(name: string, query: string): Promise<string> {
  const before = await serverFigures();
  const started = performance.now();
  const sent = post(query);
  const health = await probeHealth(sent);
  const answer = await sent;
  const elapsed = performance.now() - started;
  const after = await serverFigures();
  const error = (JSON.parse(answer.text) as { errors?: { extensions?: Record<string, unknown> }[] }).errors?.[0];
  const code = error?.extensions?.code ?? 'none';
  const exceeded = error?.extensions?.exceeded ? ` (${String(error.extensions.exceeded)})` : '';
  return [
    name,
    `${(query.length / 1024).toFixed(1)} KB`,
    `${answer.status} ${String(code)}${exceeded}`,
    ms(elapsed),
    ms((after.cpuSeconds - before.cpuSeconds) * 1000),
    `${Math.round((after.rssBytes - before.rssBytes) / 1024 / 1024)} MB`,
    String(after.fetches - before.fetches),
    String(after.legacyCalls - before.legacyCalls),
    ms(Math.max(...health)),
    `${(answer.text.length / 1024).toFixed(1)} KB`,
  ].join(' | ');
}

async function flood(): Promise<void> {
  const operation = loadOperation('ElevatorFile');
  const deadline = performance.now() + floodSeconds * 1000;
  const latencies: Record<string, number[]> = {};
  const client = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (performance.now() < deadline) {
      const started = performance.now();
      let outcome: string;
      try {
        const answer = await post(operation.query, operation.variables, agent);
        const code = (JSON.parse(answer.text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
          ?.extensions?.code;
        outcome = `${answer.status}${code ? ` ${code}` : ''}`;
        // A client keeping the contract waits as told (HOSTILE_IGNORE_RETRY_AFTER=1: one that does not).
        if (answer.retryAfter && !process.env.HOSTILE_IGNORE_RETRY_AFTER) await sleep(Number(answer.retryAfter) * 1000);
      } catch {
        outcome = 'connection error';
      }
      (latencies[outcome] ??= []).push(performance.now() - started);
    }
    agent.destroy();
  };
  const running = Promise.all(Array.from({ length: clients }, client));
  const health = await probeHealth(running);
  await running;
  console.log(
    `\n${clients} clients asking ElevatorFile for ${floodSeconds} s, each sending again as soon as answered${process.env.HOSTILE_IGNORE_RETRY_AFTER ? ', even a 503' : ' (after Retry-After on a 503)'}:`,
  );
  console.log('| answer | count | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const [outcome, values] of Object.entries(latencies))
    console.log(`| ${outcome} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} |`);
  const metrics = await (await fetch(`${gateway}/metrics`)).text();
  const admission = [
    ...metrics.matchAll(/^equipment_graph_requests_(admitted|queued|refused)_total(\{[^}]*\})? (\d+)$/gm),
  ]
    .map((m) => `${m[1]}${m[2] ?? ''} ${m[3]}`)
    .join(', ');
  console.log(`admission on the server: ${admission}`);
  console.log(
    `/health meanwhile: ${health.length} probes, p50 ${ms(percentile(health, 50))} ms, p99 ${ms(percentile(health, 99))} ms, max ${ms(Math.max(...health))} ms`,
  );
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    env: { ...process.env, ...ports, SEED_SCALE: 'demo', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 600_000; waited += 500) {
    if (child.exitCode !== null) throw new Error(`the stack exited with ${child.exitCode}`);
    const up = await fetch(`${gateway}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await sleep(500);
  }
  throw new Error('the stack did not start within 10 minutes');
}

/** The walk's visits and time for doubling chains: linear in the fragments, where expanding them visits 2^n. */
function walkScaling(): void {
  const sdl = readFileSync(schemaFile('supergraph'), 'utf8');
  const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
  const demand = demandFromSupergraph(sdl);
  console.log('\nThe limits walk over a doubling chain (median of 21 runs, this process):');
  console.log('| fragments | document | visits | walk ms | estimated cost | selections an expanding walk visits |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const fragments of [10, 30, 100, 300, 1000]) {
    const text = doublingChain(fragments);
    const document = parse(text);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const input = { schema, demand, operation, fragments: fragmentsOf(document), variables: {} };
    const times: number[] = [];
    let measured = measureOperation(input);
    for (let run = 0; run < 21; run++) {
      const started = performance.now();
      measured = measureOperation(input);
      times.push(performance.now() - started);
    }
    console.log(
      `| ${fragments} | ${(text.length / 1024).toFixed(1)} KB | ${measured.visits} | ${percentile(times, 50).toFixed(3)} | ${measured.cost.toExponential(2)} | ${(2 ** fragments).toExponential(2)} |`,
    );
  }
}

const server = await startServer();
try {
  await post('{ districts { code } }');
  console.log(
    '| operation | size | answer | time to answer ms | server CPU ms | RSS change | subgraph fetches | legacy calls | slowest /health ms | answer size |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const fragments of chains)
    console.log(`| ${await refusal(`doubling chain, ${fragments} fragments`, doublingChain(fragments))} |`);
  if (chains.length > 0) {
    console.log(
      `| ${await refusal('1,000 aliases of equipmentSearch(first: 1) { totalCount }', aliasedSearch(1000))} |`,
    );
    console.log(`| ${await refusal('300 aliases of a full __schema introspection', aliasedIntrospection(300))} |`);
  }
  await flood();
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
}
shared.destroy();
walkScaling();
