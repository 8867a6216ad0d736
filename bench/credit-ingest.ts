/**
 * Measures ingestion of a whole drop directory: `npx tsx bench/credit-ingest.ts <scale|size> [databaseUrl]`.
 * A scale name (test, demo, city) uses the seed generator's world; a number uses the credit test world
 * with that many enterprises. Prints the snapshot's ingestion time, the longest event-loop stall while it
 * ingests (the event loop it shares with the subgraphs), and the 1,000-enterprise lookup.
 */
import { mkdir, readdir, rename } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import pg from 'pg';
import { CallRecorder } from '../adapters/core/calls.ts';
import { creditTestWorld } from '../test/support/credit/hand-world.ts';
import type { ScaleName, World } from '../legacy/seed/world.ts';
import { createCreditAdapter } from '../adapters/credit/index.ts';
import { quietLogger, tempDrop } from '../test/support/credit/drop-folder.ts';

async function worldFor(arg: string): Promise<World> {
  if (/^\d+$/.test(arg)) return creditTestWorld(Number(arg));
  // The seed generator is another helper's module; loaded by path so this script runs before it exists.
  const seed = (await import(join('..', '..', 'legacy', 'seed', 'generate.ts'))) as {
    generateWorld(o: { scale: ScaleName }): World;
  };
  return seed.generateWorld({ scale: arg as ScaleName });
}

const [arg = '45000', databaseUrl] = process.argv.slice(2);
let t = performance.now();
const world = await worldFor(arg);
const lap = (label: string) => {
  const now = performance.now();
  console.log(`${label}: ${Math.round(now - t)} ms`);
  t = now;
};
lap(
  `world (${world.credit.snapshot.enterprises.length} enterprises, ${world.credit.snapshot.annualReports.length} annual reports, ${world.credit.increments.length} increment changes)`,
);
const drop = await tempDrop(world);
lap(`drop directory written (${drop.feed.dropped.length} files)`);
const recorder = new CallRecorder();
const adapter = await createCreditAdapter({
  dropDir: drop.dropDir,
  ...(databaseUrl ? { databaseUrl, schema: `credit_measure_${process.pid}` } : { storeDir: join(drop.root, 'store') }),
  timeoutMs: 30_000,
  logger: quietLogger(),
  observers: [recorder.observer],
});
lap('store opened');
// The increments wait outside the drop directory while the snapshot is timed on its own.
const held = join(drop.root, 'held');
await mkdir(held);
const increments = (await readdir(drop.dropDir)).filter((f) => f.includes('_INC_'));
for (const f of increments) await rename(join(drop.dropDir, f), join(held, f));
lap('increments held back');
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
await adapter.ingest();
delay.disable();
lap(
  `snapshot ingested (6 files: read, decode, check, apply; longest event-loop stall ${Math.round(delay.max / 1e6)} ms, p99 ${Math.round(delay.percentile(99) / 1e6)} ms)`,
);
for (const f of increments) await rename(join(held, f), join(drop.dropDir, f));
await adapter.ingest();
lap(`increments ingested (${increments.length / 2} files)`);
const usccs = world.enterprises.slice(0, 1000).map((e) => e.uscc);
recorder.clear();
await adapter.enterprisesByUscc(usccs);
await adapter.creditProfiles(usccs);
console.log(
  '1,000-enterprise lookup:',
  recorder.calls.map((c) => `${c.operation} ${c.keys} keys ${Math.round(c.durationMs)} ms`).join('; '),
);
console.log(await adapter.freshness());
await adapter.close();
await drop.cleanup();
if (databaseUrl) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  await client.query(`DROP SCHEMA credit_measure_${process.pid} CASCADE`);
  await client.end();
}
