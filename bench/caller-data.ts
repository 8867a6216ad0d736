/**
 * What districts and personal data cost: throughput and p50/p99 of two example operations (CityOverview,
 * ElevatorFile) for an anonymous caller, a caller limited to one district and a caller reading personal
 * data (every answer revealing some writes an audit record), in interleaved rounds of one run; then the
 * memory the per-district answers kept with the index snapshots take (the maintenance ranking and the
 * unlicensed-work rows remembered for each set of districts), read as the subgraphs thread's heap on the
 * gateway's /metrics before and after every district has asked once (no GC can be forced on that thread:
 * an approximation).
 *
 *   npm run bench:caller-data -- [test|demo] [seconds] [concurrency]
 */
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { READ_SCOPES, type Scope } from '../graph/caller.ts';
import { DISTRICTS } from '../reference/districts.ts';
import { loadOperation } from '../test/support/operations.ts';
import { startTestStack } from '../test/support/stack.ts';

const scale = (process.argv[2] ?? 'demo') as 'test' | 'demo';
const seconds = Number(process.argv[3] ?? 3);
const concurrency = Number(process.argv[4] ?? 8);
const ROUNDS = 2;

const stack = await startTestStack(scale, [], { GATEWAY_RATE_PER_SECOND: '1000000', GATEWAY_RATE_BURST: '1000000' });
const jwt = readJwtConfig({ DATA_DIR: stack.dataDir }, true)!;
const bearer = async (subject: string, scopes: readonly Scope[], districts?: string[]) => ({
  authorization: `Bearer ${await issueToken({ subject, scopes, districts, ttlSeconds: 3600 }, jwt)}`,
});
// Pudong, the district with the most equipment: the district caller's answers are not trivially small.
const HOME = '310115';
const modes: Record<string, Record<string, string>> = {
  anonymous: {},
  'one district': await bearer('bench-district', READ_SCOPES, [HOME]),
  'personal data (audited)': await bearer('bench-inspector', [...READ_SCOPES, 'personal-data:read']),
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

async function subgraphHeap(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
  const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_size_used_bytes') && l.includes('subgraph'));
  return Number(line?.split(' ').at(-1) ?? NaN);
}

console.log(`scale ${scale}, ${concurrency} clients, ${ROUNDS} interleaved rounds of ${seconds} s per caller kind`);
console.log('| operation | caller | requests/s | p50 ms | p99 ms | vs anonymous |');
console.log('|---|---|---:|---:|---:|---:|');
try {
  for (const name of ['CityOverview', 'ElevatorFile']) {
    const operation = loadOperation(name);
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    for (const headers of Object.values(modes)) for (let i = 0; i < 10; i++) await request(body, headers);
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

  // Per-district answers remembered with the snapshots: every district asks the ranking and unlicensed work once.
  const perDistrict = [loadOperation('MaintenanceRiskRanking'), loadOperation('UnlicensedWork')];
  const before = await subgraphHeap();
  for (const district of DISTRICTS) {
    const headers = await bearer(`bench-${district.code}`, READ_SCOPES, [district.code]);
    for (const operation of perDistrict)
      await request(JSON.stringify({ query: operation.query, variables: operation.variables }), headers);
  }
  const after = await subgraphHeap();
  console.log(
    `\n${DISTRICTS.length} districts × ${perDistrict.length} operations remembered: subgraphs heap ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB (${((after - before) / 1024 / DISTRICTS.length).toFixed(0)} KB per district, without a forced GC)`,
  );
} finally {
  await stack.close();
}
