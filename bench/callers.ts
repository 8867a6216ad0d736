/**
 * What knowing the caller costs: throughput and p99 of two example operations (CityOverview, a
 * dashboard's figures; ElevatorFile, one elevator through four systems) for an anonymous caller, a
 * bearer token, an API key and a token lacking a scope the operation asks for (stripped, refilled),
 * measured in the same run, in interleaved rounds of `seconds` each at `concurrency` clients; then
 * the memory each distinct caller leaves behind (its rate bucket) over 5,000 callers. The CPU time of
 * each step apart from any load: bench/caller-steps.ts.
 *
 *   node --expose-gc --import tsx bench/callers.ts [test|demo] [seconds] [concurrency]
 */
import { readJwtConfig } from '../gateway/callers/config.ts';
import { fileClientStore } from '../gateway/callers/client-file-store.ts';
import { hashApiKey, newApiKey } from '../gateway/callers/clients.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { READ_SCOPES, type Scope } from '../graph/caller.ts';
import { startTestStack } from '../test/support/stack.ts';
import { compareCallers, post } from './caller-rounds.ts';

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

console.log(`scale ${scale}, ${concurrency} clients, ${ROUNDS} interleaved rounds of ${seconds} s per caller kind`);
try {
  await compareCallers({ url: stack.gateway.url, seconds, concurrency, rounds: ROUNDS, warmup: 20 }, modes, [
    'CityOverview',
    'ElevatorFile',
  ]);

  // Memory per distinct caller: each leaves a rate bucket behind (nothing else outlives its request).
  const callers = 5_000;
  const tokens = await Promise.all(Array.from({ length: callers }, (_, i) => token(`caller-${i}`, READ_SCOPES)));
  const body = JSON.stringify({ query: '{ __typename }' });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < callers; i += 50)
    await Promise.all(
      tokens.slice(i, i + 50).map((t) => post(stack.gateway.url, body, { authorization: `Bearer ${t}` })),
    );
  gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\n${callers} distinct callers: heap +${((after - before) / 1024).toFixed(0)} KB, about ${((after - before) / callers).toFixed(0)} bytes each${gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
  );
} finally {
  await stack.close();
}
