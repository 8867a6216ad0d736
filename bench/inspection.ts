/**
 * Benchmark (not a test): seeds the exchange database from the shared generator at a scale, on
 * PGlite and on PostgreSQL (INSPECTION_BENCH_DATABASE_URL, default the local test database, in a
 * throw-away schema), and reports load time, row counts and median / p95 latency of the district
 * statistics, one equipment with inspections and hazards, and a 100-item equipment page, with the
 * SQL statements each GraphQL query costs.
 *   npx tsx bench/inspection.ts [test|demo|city] [rounds]
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { CallRecorder } from '../adapters/core/index.ts';
import { prepareInspection } from '../legacy/inspection/prepare.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { ScaleName } from '../legacy/seed/world.ts';
import { fixedClock } from '../runtime/clock.ts';
import { inspectionRunner } from '../test/support/inspection/subgraph.ts';
import { createInspectionAdapter } from '../adapters/inspection/index.ts';
import type { InspectionPort } from '../adapters/inspection/port.ts';
import { quietLogger } from '../test/support/inspection/databases.ts';

const scale = (process.argv[2] ?? 'demo') as ScaleName;
const rounds = Number(process.argv[3] ?? 30);
const url = process.env.INSPECTION_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const t0 = performance.now();
const world = generateWorld({ scale });
console.log(
  `${scale}: generated in ${Math.round(performance.now() - t0)} ms; equipment ${world.equipment.length}, inspections ${world.inspections.length}, hazards ${world.hazards.length}`,
);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function measure(
  label: string,
  query: string,
  variables: Record<string, unknown>,
  run: Awaited<ReturnType<typeof inspectionRunner>>['run'],
  recorder: CallRecorder,
) {
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < rounds; i++) {
    recorder.clear();
    const started = performance.now();
    const result = await run(query, variables);
    times.push(performance.now() - started);
    if (result.errors) throw new Error(`${label}: ${JSON.stringify(result.errors)}`);
    statements = recorder.calls.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label}: median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, ${statements} SQL statement(s)`,
  );
}

async function bench(name: string, adapter: InspectionPort, recorder: CallRecorder) {
  // Statistics counted afresh on every request: the figure measured is the GROUP BY, not the cache.
  const { run, stop } = await inspectionRunner(adapter, fixedClock(`${world.asOf}T12:00:00+08:00`), 0);
  const live = world.equipment.filter((e) => !e.deleted);
  const busy = world.hazards[0]?.registrationCode ?? live[0]!.registrationCode;
  console.log(`${name}:`);
  await measure(
    'district statistics, 16 districts',
    '{ districts { code equipmentStats { equipmentInUse elevatorsInUse inspectionsOverdue openMajorHazards rectificationsOverdue } } }',
    {},
    run,
    recorder,
  );
  await measure(
    'one equipment with inspections and hazards',
    'query($c: ID!) { equipment(code: $c) { code district { name } inspections(last: 5) { date conclusion } nextInspectionDue inspectionOverdue hazards { id level status } } }',
    { c: busy },
    run,
    recorder,
  );
  await measure(
    '100-item equipment page',
    '{ equipmentSearch(filter: { district: "310115", category: ELEVATOR }, first: 100) { totalCount nodes { code address usage status nextInspectionDue inspectionOverdue } } }',
    {},
    run,
    recorder,
  );
  await stop();
}

{
  const booting = performance.now();
  const db = new PGlite();
  await db.waitReady;
  console.log(`PGlite boot: ${Math.round(performance.now() - booting)} ms`);
  const prepared = await prepareInspection(world, { pglite: db });
  console.log(`PGlite load: ${prepared.loadMs} ms`, prepared.rowCounts);
  const recorder = new CallRecorder();
  const adapter = await createInspectionAdapter({
    pglite: db,
    timeoutMs: 60_000,
    observers: [recorder.observer],
    logger: quietLogger(),
  });
  await bench('PGlite', adapter, recorder);
  await db.close();
}

const schema = `jy_bench_${process.pid}`;
try {
  const prepared = await prepareInspection(world, { databaseUrl: url, schema });
  console.log(`PostgreSQL load: ${prepared.loadMs} ms`);
  const recorder = new CallRecorder();
  const adapter = await createInspectionAdapter({
    databaseUrl: url,
    schema,
    timeoutMs: 60_000,
    observers: [recorder.observer],
    logger: quietLogger(),
  });
  await bench('PostgreSQL', adapter, recorder);
  await adapter.close();
} finally {
  const client = new pg.Client(url);
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
