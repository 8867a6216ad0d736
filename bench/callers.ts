/**
 * What knowing the caller costs: throughput and p99 of two example operations (CityOverview, a
 * dashboard's figures; ElevatorFile, one elevator through four systems) for an anonymous caller, a
 * bearer token, an API key and a token lacking a scope the operation asks for (stripped, refilled),
 * measured in the same run, in interleaved rounds of `seconds` each at `concurrency` clients; then
 * the memory each distinct caller leaves behind (its rate bucket) over 5,000 callers; and, apart from
 * any load (so less at the mercy of a busy machine), the CPU time of each step a caller adds to a request.
 *
 *   node --expose-gc --import tsx bench/callers.ts [test|demo] [seconds] [concurrency]
 */
import { readJwtConfig } from '../gateway/callers/config.ts';
import { fileClientStore } from '../gateway/callers/client-file-store.ts';
import { hashApiKey, newApiKey } from '../gateway/callers/clients.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { memoryRateLimiter } from '../gateway/callers/rate-limit.ts';
import { createTokenVerifier } from '../gateway/callers/tokens.ts';
import { readScopePolicy } from '../gateway/scopes/policy.ts';
import { refill } from '../gateway/scopes/refill.ts';
import { stripForbidden } from '../gateway/scopes/strip.ts';
import { ANONYMOUS, READ_SCOPES, type Scope } from '../graph/caller.ts';
import { signCallerHeader, verifyCallerHeader } from '../graph/gateway-signature.ts';
import { schemaFile } from '../graph/sdl.ts';
import { TEST_SIGNING_SECRET } from '../test/support/callers.ts';
import { loadOperation } from '../test/support/operations.ts';
import { startTestStack } from '../test/support/stack.ts';

const scale = (process.argv[2] ?? 'demo') as 'test' | 'demo';
const seconds = Number(process.argv[3] ?? 5);
const concurrency = Number(process.argv[4] ?? 8);
const ROUNDS = 3;

const stack = await startTestStack(scale, [], {
  // The buckets are taken on every request, but none may refuse one here.
  GATEWAY_RATE_PER_SECOND: '1000000',
  GATEWAY_RATE_BURST: '1000000',
  GATEWAY_CLIENTS_REFRESH_MS: '200',
});
const jwt = readJwtConfig({ DATA_DIR: stack.dataDir }, true)!;
const token = async (subject: string, scopes: readonly Scope[]) =>
  issueToken({ subject, scopes, districts: undefined, ttlSeconds: 3600 }, jwt);
const key = newApiKey();
await fileClientStore(`${stack.dataDir}/clients.json`).add({
  name: 'bench-bureau',
  keyHash: hashApiKey(key),
  scopes: [...READ_SCOPES],
  districts: undefined,
  safelist: undefined,
  rate: undefined,
  createdAt: new Date().toISOString(),
  revokedAt: undefined,
});
await new Promise((resolve) => setTimeout(resolve, 500));

const modes: Record<string, Record<string, string>> = {
  anonymous: {},
  'bearer token': { authorization: `Bearer ${await token('bench-analyst', READ_SCOPES)}` },
  'API key': { 'x-api-key': key },
  'token, one scope refused': {
    authorization: `Bearer ${await token('bench-partial', ['equipment:read', 'enterprise:read'])}`,
  },
};

async function request(body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** `concurrency` clients for `seconds`: every latency. */
async function load(body: string, headers: Record<string, string>): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await request(body, headers);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

console.log(`scale ${scale}, ${concurrency} clients, ${ROUNDS} interleaved rounds of ${seconds} s per caller kind`);
console.log('| operation | caller | requests/s | p50 ms | p99 ms | vs anonymous |');
console.log('|---|---|---:|---:|---:|---:|');
try {
  for (const name of ['CityOverview', 'ElevatorFile']) {
    const operation = loadOperation(name);
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    for (const headers of Object.values(modes)) for (let i = 0; i < 20; i++) await request(body, headers);
    const latencies = new Map<string, number[]>(Object.keys(modes).map((m) => [m, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const [mode, headers] of Object.entries(modes)) latencies.get(mode)!.push(...(await load(body, headers)));
    const baseline = latencies.get('anonymous')!.length;
    for (const [mode, all] of latencies) {
      all.sort((a, b) => a - b);
      console.log(
        `| ${name} | ${mode} | ${(all.length / (ROUNDS * seconds)).toFixed(0)} | ${p(all, 0.5).toFixed(1)} | ${p(all, 0.99).toFixed(1)} | ${(all.length / baseline).toFixed(2)} |`,
      );
    }
  }

  // Memory per distinct caller: each leaves a rate bucket behind (nothing else outlives its request).
  const callers = 5_000;
  const tokens = await Promise.all(Array.from({ length: callers }, (_, i) => token(`caller-${i}`, READ_SCOPES)));
  const body = JSON.stringify({ query: '{ __typename }' });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < callers; i += 50)
    await Promise.all(tokens.slice(i, i + 50).map((t) => request(body, { authorization: `Bearer ${t}` })));
  gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\n${callers} distinct callers: heap +${((after - before) / 1024).toFixed(0)} KB, about ${((after - before) / callers).toFixed(0)} bytes each${gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
  );
  await steps();
} finally {
  await stack.close();
}

/** Microseconds per call of each per-request step, over many calls. */
async function steps(): Promise<void> {
  const time = async (what: string, count: number, step: () => unknown) => {
    for (let i = 0; i < Math.min(count, 500); i++) await step();
    const started = performance.now();
    for (let i = 0; i < count; i++) await step();
    console.log(`| ${what} | ${(((performance.now() - started) * 1000) / count).toFixed(1)} |`);
  };
  console.log('\n| step (per request unless said) | µs |\n|---|---:|');
  const verify = createTokenVerifier(jwt);
  const bearer = await token('bench-analyst', READ_SCOPES);
  await time('verify a bearer token (HS256, jose)', 5_000, () => verify(bearer));
  const keys = new Map([[hashApiKey(key), 'bench-bureau']]);
  await time('look an API key up (SHA-256, map)', 50_000, () => keys.get(hashApiKey(key)));
  const limiter = memoryRateLimiter();
  await time('take a token from a bucket (in process)', 100_000, () =>
    limiter.take('c', { perSecond: 1e9, burst: 1e9 }),
  );
  const body = JSON.stringify({ query: 'x'.repeat(1500), variables: { representations: [] } });
  const request = { caller: ANONYMOUS, requestId: 'r', deadline: Date.now() + 15_000 };
  await time('sign the caller header, per subgraph fetch (1.5 KB body)', 20_000, () =>
    signCallerHeader(request, body, TEST_SIGNING_SECRET, Date.now()),
  );
  const header = signCallerHeader(request, body, TEST_SIGNING_SECRET, Date.now());
  await time('verify it in the subgraph', 20_000, () =>
    verifyCallerHeader(header, body, TEST_SIGNING_SECRET, Date.now(), 30_000),
  );
  const supergraph = readFileSync(schemaFile('supergraph'), 'utf8');
  const schema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
  const policy = readScopePolicy(supergraph);
  const overview = parse(loadOperation('CityOverview').query);
  const scopes = new Set<Scope>(['equipment:read', 'enterprise:read']);
  await time('strip CityOverview for a caller without credit:read', 5_000, () =>
    stripForbidden(schema, overview, undefined, policy, scopes),
  );
  const stripped = stripForbidden(schema, overview, undefined, policy, scopes)!;
  const answer = () => ({ districts: Array.from({ length: 16 }, (_, i) => ({ code: String(i), equipmentStats: {} })) });
  await time('refill its 16 refused fields', 20_000, () => refill(answer(), stripped.marks, {}));
}
