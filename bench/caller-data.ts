/**
 * What districts and personal data cost: throughput and p50/p99 of two example operations (CityOverview,
 * ElevatorFile) for an anonymous caller, a caller limited to one district and a caller reading personal
 * data (every answer revealing some writes an audit record), in interleaved rounds of one run; then the
 * memory the per-district answers kept with the index snapshots take (the maintenance ranking and the
 * unlicensed-work rows remembered for each set of districts). Those live on the subgraphs' thread, where
 * no GC can be forced, so they are rebuilt here in the same shapes from the sizes the graph reports for
 * every district, and weighed on this thread's heap between forced collections.
 *
 * The district caller's district is the example elevator's, so its ElevatorFile is the whole file.
 *
 *   npm run bench:caller-data -- [test|demo] [seconds] [concurrency]
 */
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { READ_SCOPES, type Scope } from '../graph/caller.ts';
import { DISTRICTS } from '../reference/districts.ts';
import { loadOperation } from '../test/support/operations.ts';
import { startTestStack } from '../test/support/stack.ts';
import { compareCallers } from './caller-rounds.ts';

const scale = (process.argv[2] ?? 'demo') as 'test' | 'demo';
const seconds = Number(process.argv[3] ?? 3);
const concurrency = Number(process.argv[4] ?? 8);
const ROUNDS = 3;

const stack = await startTestStack(scale, [], { GATEWAY_RATE_PER_SECOND: '1000000', GATEWAY_RATE_BURST: '1000000' });
const jwt = readJwtConfig({ DATA_DIR: stack.dataDir }, true)!;
const bearer = async (subject: string, scopes: readonly Scope[], districts?: string[]) => ({
  authorization: `Bearer ${await issueToken({ subject, scopes, districts, ttlSeconds: 3600 }, jwt)}`,
});
const elevatorFile = loadOperation('ElevatorFile');
const file = await (
  await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: elevatorFile.query, variables: elevatorFile.variables }),
  })
).json();
const HOME = (file as { data: { elevator: { equipment: { district: { code: string } } } } }).data.elevator.equipment
  .district.code;
const modes: Record<string, Record<string, string>> = {
  anonymous: {},
  'one district': await bearer('bench-district', READ_SCOPES, [HOME]),
  'personal data (audited)': await bearer('bench-inspector', [...READ_SCOPES, 'personal-data:read']),
};

interface Sizes {
  maintenanceCompanyRanking: { totalCount: number };
  m: { nodes: { records: number }[] };
  i: { nodes: { records: number }[] };
}

async function askSizes(query: string, headers: Record<string, string>): Promise<Sizes> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: Sizes }).data;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapAfterGc(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

console.log(`scale ${scale}, ${concurrency} clients, ${ROUNDS} interleaved rounds of ${seconds} s per caller kind`);
try {
  // 0 seconds: the memory figure only.
  if (seconds > 0)
    await compareCallers({ url: stack.gateway.url, seconds, concurrency, rounds: ROUNDS, warmup: 10 }, modes, [
      'CityOverview',
      'ElevatorFile',
    ]);

  // Per-district answers remembered with the snapshots, rebuilt in their shapes (ranking.ts, questions.ts).
  const SIZES = `{ maintenanceCompanyRanking(first: 1) { totalCount }
    m: unlicensedWork(kind: MAINTENANCE, first: 100) { nodes { records } }
    i: unlicensedWork(kind: INSTALLATION, first: 100) { nodes { records } } }`;
  const sizes: { ranking: number; work: number[] }[] = [];
  for (const district of DISTRICTS) {
    const data = await askSizes(SIZES, await bearer(`bench-${district.code}`, READ_SCOPES, [district.code]));
    const records = [...data.m.nodes, ...data.i.nodes].map((n) => n.records);
    sizes.push({ ranking: data.maintenanceCompanyRanking.totalCount, work: records });
  }
  const uscc = '91310000000000000X';
  const item = {};
  // Built COPIES times over, so the figure stands well above what else the heap does meanwhile.
  const COPIES = 50;
  const before = heapAfterGc();
  const kept = Array.from({ length: COPIES }, () =>
    sizes.map(({ ranking, work }) => ({
      ranking: Array.from({ length: ranking }, (_, i) => ({
        rank: i + 1,
        uscc,
        elevatorsMaintained: i,
        overdue: i,
        overdueRatio: i / 7,
      })),
      work: work.map((n) => ({ companyUscc: uscc, kind: 'MAINTENANCE', items: Array.from({ length: n }, () => item) })),
    })),
  );
  const after = heapAfterGc();
  const bytes = (after - before) / COPIES;
  const rows = sizes.reduce((sum, s) => sum + s.ranking + s.work.length, 0);
  console.log(
    `\nper-district answers of all ${DISTRICTS.length} districts (${rows} ranking and unlicensed-work rows, ${kept[0]!.length} entries): ${(bytes / 1024).toFixed(0)} KB, ${(bytes / 1024 / DISTRICTS.length).toFixed(1)} KB per district${gc ? '' : ' (run with node --expose-gc for a steadier figure)'}`,
  );
} finally {
  await stack.close();
}
