/**
 * Figures of the elevator subgraph over the embedded stack (real stand-ins and adapters, on-demand
 * eligibility read from the credit store and the inspection database):
 * - one index build: time, and legacy calls per system and operation;
 * - a 100-elevator page of Equipment references (maintainer, last maintenance, overdue judgement);
 * - district statistics of the 16 districts, warm;
 * - a list of 100 enterprises (the register's, through the gateway) each with its overdue maintained
 *   elevators and maintenance figures, and 100 enterprises that maintain or use elevators (subgraph);
 * - the maintenance risk ranking of the city, warm.
 * Latencies are over `runs` repetitions (median, p95); calls are those of one run.
 *   npx tsx bench/elevator.ts [test|demo|city] [runs]   (default demo, 30)
 * The stack keeps its seeded data under DATA_DIR (default data/), so a second run skips seeding.
 */
import { CallRecorder, type LegacyCall } from '../adapters/core/calls.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { DISTRICTS } from '../reference/index.ts';
import { createLogger } from '../runtime/logger.ts';
import { postGraphql } from '../test/support/graphql.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';

const scale = process.argv[2] ?? 'demo';
const runs = Number(process.argv[3] ?? 30);
if (!['test', 'demo', 'city'].includes(scale) || !(runs >= 1))
  throw new Error('usage: bench/elevator.ts [test|demo|city] [runs >= 1]');

const PAGE_QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { elevator { maintainer { uscc } lastMaintenance { date } maintenanceOverdue } } } }`;
const DISTRICTS_QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on District {
  elevatorStatistics { total overFifteenYears onDemandEnrolled overdueMaintenance alarmsLast24h entrapmentsLast24h averageRescueArrivalMinutes } } } }`;
const ENTERPRISES_QUERY = `{ enterpriseSearch(first: 100) { nodes { uscc name
  maintenanceStats { elevatorsMaintained overdue overdueRatio }
  maintainedElevators(filter: { maintenanceOverdue: true }, first: 5) { totalCount nodes { registrationCode lastMaintenance { date } maintenanceOverdue } } } } }`;
const ENTITIES_QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc
  maintainedElevators(filter: { maintenanceOverdue: true }, first: 5) { totalCount nodes { registrationCode lastMaintenance { date } maintenanceOverdue } }
  usedElevators(first: 5) { totalCount } } } }`;
const RANKING_QUERY = `{ maintenanceCompanyRanking(first: 20) { totalCount nodes { rank company { uscc } elevatorsMaintained overdue overdueRatio } } }`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const describeCalls = (calls: readonly LegacyCall[]) => {
  const byOperation = new Map<string, { n: number; keys: number; ms: number }>();
  for (const c of calls) {
    const entry = byOperation.get(`${c.system}.${c.operation}`) ?? { n: 0, keys: 0, ms: 0 };
    byOperation.set(`${c.system}.${c.operation}`, {
      n: entry.n + 1,
      keys: entry.keys + c.keys,
      ms: entry.ms + c.durationMs,
    });
  }
  const parts = [...byOperation].map(
    ([op, { n, keys, ms }]) => `${op} ${n}${keys ? ` (${keys} keys)` : ''} mean ${(ms / n).toFixed(1)} ms`,
  );
  return `${calls.length} calls${parts.length ? `: ${parts.join(', ')}` : ''}`;
};

const recorder = new CallRecorder();
const stack = await startEmbeddedStack(
  { ...ZERO_PORTS, SEED_SCALE: scale, DATA_DIR: process.env.DATA_DIR ?? 'data', LOG_LEVEL: 'warn' },
  createLogger({ level: 'warn', name: 'measure' }),
  { observers: [recorder.observer] },
);
const subgraph = stack.gateway.subgraphs.get('elevator')!;

/** Runs the operation `runs` times; prints latency and the calls of the first run. */
async function measure(
  name: string,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<void> {
  const times: number[] = [];
  let firstCalls = '';
  for (let i = 0; i < runs; i++) {
    recorder.clear();
    const started = performance.now();
    const result = await postGraphql(url, query, variables);
    times.push(performance.now() - started);
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors[0])}`);
    if (i === 0) firstCalls = describeCalls(recorder.calls);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; ${firstCalls}`,
  );
}

try {
  recorder.clear();
  // Rebuilt on the subgraph thread, timed there.
  const built = await stack.refreshIndex('elevator');
  console.log(
    `scale ${scale}: ${built.sizes.elevators} elevators indexed (${built.sizes.skipped} skipped), ${built.sizes.overdue} overdue`,
  );
  console.log(`index build: ${(built.ms / 1000).toFixed(2)} s; ${describeCalls(recorder.calls)}`);

  // Samples read through the subgraph: the platform's first 100 elevators with their maintainers and user units.
  const listed = await postGraphql(
    subgraph,
    '{ elevators(first: 100) { nodes { registrationCode maintainer { uscc } userUnit { uscc } } } }',
  );
  const nodes = listed.data.elevators.nodes as {
    registrationCode: string;
    maintainer: { uscc: string };
    userUnit: { uscc: string };
  }[];
  const page = nodes.map((n) => ({ __typename: 'Equipment', code: n.registrationCode }));
  await measure('100-elevator page (subgraph)', subgraph, PAGE_QUERY, { reps: page });
  await measure("16 districts' statistics, warm (subgraph)", subgraph, DISTRICTS_QUERY, {
    reps: DISTRICTS.map((d) => ({ __typename: 'District', code: d.code })),
  });
  await measure(
    '100 enterprises of the register with overdue maintained elevators (gateway)',
    stack.gateway.url,
    ENTERPRISES_QUERY,
  );
  // Their maintenance companies, then user units, up to 100: lists that are not empty.
  const maintainerSet = new Set(nodes.map((n) => n.maintainer.uscc));
  const enterprises = [...new Set([...maintainerSet, ...nodes.map((n) => n.userUnit.uscc)])].slice(0, 100);
  const maintainers = enterprises.filter((u) => maintainerSet.has(u)).length;
  await measure(
    `100 enterprises (${maintainers} maintenance companies) with overdue maintained and used elevators (subgraph)`,
    subgraph,
    ENTITIES_QUERY,
    { reps: enterprises.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
  );
  await measure('maintenance risk ranking, city, warm (gateway)', stack.gateway.url, RANKING_QUERY);
} finally {
  await stack.stop();
}
