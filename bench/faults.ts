/**
 * The fault and load suite: `npm run bench:faults -- [--scale demo] [--clients 50] [--seconds 20]
 * [--systems permit,inspection,elevator,credit] [--faults down,slow,errors,hang] [--load-clients 500]
 * [--load-seconds 60] [--no-load]`.
 *
 * Starts the embedded stack as a process of its own (`tsx bin/start.ts`, every port 0, on loopback),
 * so the load generator does not share the gateway's event loop. For each system × fault: switches the
 * fault through the stack's fault control (as `npm run faults` does), runs `clients` concurrent
 * clients sending the example operations of docs/operations for `seconds`, heals, and waits for the
 * breaker to close again. Prints one table: requests, share of the healthy answers' fields served,
 * errors by code, errors naming another (healthy) system, p50/p99/max, breaker transitions and
 * whether it closed after heal. Then `load-clients` clients for `load-seconds` with no fault: failures
 * other than an explicit OVERLOADED, and /health latency measured throughout. Bounded in time and
 * count, loopback only; the stack is stopped at the end whatever happens.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { faultAdminFile, type FaultAdminAddress } from '../legacy/fault-admin.ts';
import type { FaultSystem } from '../legacy/faults.ts';
import { type ExampleOperation, loadOperation, operationNames } from '../test/support/operations.ts';
import { probeHealthWhile } from './health-prober.ts';
import { startStack, stopStack } from './stack-process.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    systems: { type: 'string', default: 'permit,inspection,elevator,credit' },
    faults: { type: 'string', default: 'down,slow,errors,hang' },
    'load-clients': { type: 'string', default: '500' },
    'load-seconds': { type: 'string', default: '60' },
    'no-load': { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const LOAD_CLIENTS = Number(values['load-clients']);
const LOAD_SECONDS = Number(values['load-seconds']);
const SYSTEMS = values.systems.split(',') as FaultSystem[];
const FAULTS = values.faults.split(',');
/** No answer is awaited longer than this: the suite stops by itself. */
const CLIENT_TIMEOUT_MS = 30_000;
/** The stack's breaker half-open time (LEGACY_BREAKER_HALF_OPEN_MS default) plus room for a trial call. */
const CLOSE_WAIT_MS = 12_000;

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface Answer {
  readonly ms: number;
  readonly status: number;
  readonly body?: { data?: unknown; errors?: { extensions?: { code?: string; system?: string } }[] };
  readonly failure?: string;
}

// ---- the stack, as a process of its own ----

const dataDir = process.env.DATA_DIR ?? 'data';

// ---- talking to it ----

async function post(url: string, operation: ExampleOperation): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'bench-faults' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { ms: performance.now() - started, status: res.status, body };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, failure: (error as Error).name };
  }
}

async function setFault(folder: string, system: FaultSystem, mode: string): Promise<void> {
  const admin = JSON.parse(readFileSync(faultAdminFile(folder, system), 'utf8')) as FaultAdminAddress;
  const res = await fetch(`${admin.url}/faults/${system}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  if (!res.ok) throw new Error(`fault control refused ${system} ${mode}: ${await res.text()}`);
}

/** Breaker transitions by target state, and the current state (0 closed, 1 half-open, 2 open), of a system. */
async function breaker(gatewayUrl: string, system: string): Promise<{ to: Record<string, number>; state: number }> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  const to: Record<string, number> = {};
  for (const m of text.matchAll(
    new RegExp(`equipment_graph_legacy_breaker_transitions_total\\{system="${system}",to="(\\w+)"\\} (\\d+)`, 'g'),
  ))
    to[m[1]!] = Number(m[2]);
  const state = new RegExp(`equipment_graph_legacy_breaker_state\\{system="${system}"\\} (\\d+)`).exec(text);
  return { to, state: Number(state?.[1] ?? 0) };
}

// ---- measuring ----

/** Non-null leaves of an answer: the fields it served. */
function leaves(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + leaves(v), 0);
  if (typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + leaves(v), 0);
  return 1;
}

/** `clients` loops sending the operations in turn for `seconds`; every answer with the operation it answered. */
async function drive(
  url: string,
  operations: readonly ExampleOperation[],
  clients: number,
  seconds: number,
): Promise<{ op: number; answer: Answer; at: number }[]> {
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const answers: { op: number; answer: Answer; at: number }[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = client; performance.now() < until; n++) {
        const op = n % operations.length;
        const answer = await post(url, operations[op]!);
        answers.push({ op, answer, at: performance.now() - started });
      }
    }),
  );
  return answers;
}

function codesOf(answers: readonly Answer[]): Map<string, number> {
  const codes = new Map<string, number>();
  const add = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
  for (const a of answers) {
    if (a.failure) add(`transport:${a.failure}`);
    else if (a.status !== 200 && !a.body?.errors) add(`http_${a.status}`);
    for (const e of a.body?.errors ?? []) add(e.extensions?.code ?? 'none');
  }
  return codes;
}

const format = (codes: Map<string, number>) =>
  [...codes]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ') || '-';

// ---- the suite ----

const operations = operationNames().map(loadOperation);
// Every client of the suite comes from one loopback address, which the rate limit counts as one caller:
// the suite measures faults and admission control, so that bucket is made wide enough not to answer first.
// /health is also served on a port and thread of its own (GATEWAY_HEALTH_PORT): both are probed.
const { child, url, healthUrl, folder } = await startStack(values.scale, dataDir, {
  GATEWAY_RATE_PER_SECOND: '1000000',
  GATEWAY_RATE_BURST: '1000000',
  GATEWAY_HEALTH_PORT: '0',
});
console.log(`stack up at ${url} (${values.scale} city); ${operations.length} example operations`);
try {
  // The healthy answers: the fields each operation serves when every system is up.
  const baseline: number[] = [];
  for (const op of operations) {
    const answer = await post(url, op);
    if (answer.body?.errors)
      throw new Error(`${op.name} fails with every system up: ${JSON.stringify(answer.body.errors[0])}`);
    baseline.push(leaves(answer.body?.data));
  }
  console.log(
    `\n${CLIENTS} clients × ${SECONDS} s per cell; fields served = non-null fields / those of the healthy answer`,
  );
  console.log(
    '| system | fault | requests | fields served | errors by code | errors naming a healthy system | p50 ms | p99 ms | max ms | p50 ms, 2nd half | breaker transitions | closed after heal |',
  );
  console.log('|---|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|');
  // The same load with no fault first: what the stack does under these clients alone.
  const cells: [FaultSystem, string][] = [
    [SYSTEMS[0]!, 'none'],
    ...SYSTEMS.flatMap((system) => FAULTS.map((fault): [FaultSystem, string] => [system, fault])),
  ];
  for (const [system, fault] of cells) {
    const before = await breaker(url, system);
    if (fault !== 'none') await setFault(folder, system, fault);
    const answers = await drive(url, operations, CLIENTS, SECONDS);
    await setFault(folder, system, 'heal');
    // After heal the breaker half-opens, a trial call succeeds and it closes: a few requests make the trial.
    let closedAfterMs = -1;
    const healed = performance.now();
    while (performance.now() - healed < CLOSE_WAIT_MS) {
      await Promise.all(operations.map((op) => post(url, op)));
      if ((await breaker(url, system)).state === 0) {
        closedAfterMs = performance.now() - healed;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const after = await breaker(url, system);
    const served = answers.reduce((n, a) => n + leaves(a.answer.body?.data), 0);
    const expected = answers.reduce((n, a) => n + baseline[a.op]!, 0);
    const otherSystems = answers.reduce(
      (n, a) =>
        n +
        (a.answer.body?.errors ?? []).filter((e) => {
          const named = e.extensions?.system;
          return named !== undefined && named !== system && named !== 'supervision';
        }).length,
      0,
    );
    const times = answers.map((a) => a.answer.ms).sort((a, b) => a - b);
    const secondHalf = answers
      .filter((a) => a.at > (SECONDS * 1000) / 2)
      .map((a) => a.answer.ms)
      .sort((a, b) => a - b);
    const transitions =
      Object.entries(after.to)
        .map(([to, n]) => [to, n - (before.to[to] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .map(([to, n]) => `${to} ${n}`)
        .join(', ') || 'none';
    console.log(
      `| ${fault === 'none' ? '(all up)' : system} | ${fault} | ${answers.length} | ${((served / expected) * 100).toFixed(1)}% | ${format(
        codesOf(answers.map((a) => a.answer)),
      )} | ${otherSystems} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 99).toFixed(0)} | ${times.at(-1)?.toFixed(0)} | ${percentile(secondHalf, 50).toFixed(0)} | ${transitions} | ${
        closedAfterMs >= 0 ? `yes, ${(closedAfterMs / 1000).toFixed(1)} s` : after.to.open ? 'no' : 'never opened'
      } |`,
    );
  }

  if (!values['no-load']) {
    console.log(
      `\n${LOAD_CLIENTS} clients × ${LOAD_SECONDS} s, no fault; /health probed every 100 ms on the gateway's port and on its own (${healthUrl})`,
    );
    const ownPort = await probeHealthWhile(
      healthUrl,
      probeHealthWhile(
        new URL('/health', url).href,
        drive(url, operations, LOAD_CLIENTS, LOAD_SECONDS),
        100,
        CLIENT_TIMEOUT_MS,
      ),
      100,
      CLIENT_TIMEOUT_MS,
    );
    const [result, gatewayPort, healthPort] = [
      ownPort.result.result,
      ownPort.result.health.times,
      ownPort.health.times,
    ];
    const answers = result.map((r) => r.answer);
    const overloaded = answers.filter((a) => a.body?.errors?.some((e) => e.extensions?.code === 'OVERLOADED')).length;
    const failed = answers.filter(
      (a) =>
        (a.failure !== undefined || a.status !== 200 || (a.body?.errors?.length ?? 0) > 0) &&
        !a.body?.errors?.some((e) => e.extensions?.code === 'OVERLOADED'),
    ).length;
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    const health = (probes: number[]) =>
      `${percentile(probes, 50).toFixed(1)} / ${percentile(probes, 99).toFixed(1)} / ${probes.at(-1)?.toFixed(1)}`;
    console.log(
      '| requests | answered in full | OVERLOADED | other failures | failures by code | p50 ms | p99 ms | /health, gateway port: p50 / p99 / max ms | /health, own port: p50 / p99 / max ms |',
    );
    console.log('|---:|---:|---:|---:|---|---:|---:|---|---|');
    console.log(
      `| ${answers.length} | ${answers.length - failed - overloaded} | ${overloaded} | ${failed} | ${format(codesOf(answers))} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 99).toFixed(0)} | ${health(gatewayPort)} | ${health(healthPort)} |`,
    );
  }
} finally {
  await stopStack(child);
}
