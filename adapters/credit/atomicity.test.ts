/**
 * Crash safety under a real crash: the ingesting process is killed (SIGKILL) while it loads a drop
 * directory. Half-way through a file, the store keeps nothing of that file and ingestion resumes at it.
 * At random points, on PGlite and on PostgreSQL (a schema of the test's own), the process started again
 * finishes in exactly the state of a clean run: the same digest of every row, the quarantine and the
 * ledger. The points come from a seed printed with any failure (CREDIT_CRASH_SEED repeats a run).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../legacy/seed/random.ts';
import { creditTestWorld } from '../../test/support/credit/hand-world.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';
import { runIngestProcess } from '../../test/support/credit/kill-runs.ts';
import { postgresReachable } from '../../test/support/postgres.ts';
import { migrate } from './ddl.ts';
import { createCreditAdapter } from './index.ts';
import { openPglite } from './store.ts';

const world = creditTestWorld(200);
const usccs = world.credit.snapshot.enterprises.map((e) => e.uscc);
const url = process.env.CREDIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresAvailable = await postgresReachable(url);
const runId = `${process.pid}_${Date.now()}`;
const SEED = Number(process.env.CREDIT_CRASH_SEED ?? Date.now() % 2 ** 31);
const KILLS = 3;
/** Small chunks, slowed, so that the kills land inside files' transactions as well as between them. */
const PACE = { chunkRows: 40, chunkDelayMs: 15 };

const drops: TempDrop[] = [];
const schemas: string[] = [];
// A new PGlite folder costs an initdb (seconds, tens of seconds on a loaded machine): each run copies an empty store.
let template = '';
beforeAll(async () => {
  template = join(await mkdtemp(join(tmpdir(), 'eg-credit-template-')), 'store');
  const store = await openPglite(template, 'credit');
  await migrate(store);
  await store.close();
}, 120_000);
afterAll(async () => {
  await rm(join(template, '..'), { recursive: true, force: true });
  for (const d of drops) await d.cleanup();
  if (schemas.length === 0) return;
  const client = new pg.Client(url);
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

async function emptyStore(drop: TempDrop, name: string): Promise<string> {
  const dir = join(drop.root, name);
  await cp(template, dir, { recursive: true });
  return dir;
}

async function newDrop(): Promise<TempDrop> {
  const drop = await tempDrop(world);
  drops.push(drop);
  return drop;
}

describe('credit ingestion killed half-way through a file (PGlite)', () => {
  const KILLED_FILE = 'QYNB_FULL_20261018.csv';

  // Three PGlite instances and a child process: slow on a loaded machine, hence the longer timeout.
  it(
    'keeps nothing of the killed file, then resumes at it to the state of a clean run',
    { timeout: 120_000 },
    async () => {
      const [drop, cleanDrop] = [await newDrop(), await newDrop()];
      // The clean run proceeds meanwhile, in memory: states are compared through the port.
      const cleanState = (async () => {
        const clean = await createCreditAdapter({
          dropDir: cleanDrop.dropDir,
          timeoutMs: 30_000,
          logger: quietLogger(),
        });
        await clean.ingest();
        const state = await portState(clean, usccs);
        await clean.close();
        return state;
      })();
      const storeDir = join(drop.root, 'store');
      const run = await runIngestProcess(
        { dropDir: drop.dropDir, storeDir, chunkRows: 40, chunkDelayMs: 50 },
        { at: (line) => line === `chunk ${KILLED_FILE} 200`, delayMs: 0 },
      );
      expect(run.killed).toBe(true);
      expect(run.progress.filter((p) => p.startsWith(`chunk ${KILLED_FILE}`))).toHaveLength(5);

      const restarted = await createCreditAdapter({
        dropDir: drop.dropDir,
        storeDir,
        timeoutMs: 30_000,
        logger: quietLogger(),
      });
      const afterKill = await portState(restarted, usccs);
      expect(afterKill.freshness).toMatchObject({ appliedFiles: 2 });
      expect(afterKill.profiles.every((p) => !(p instanceof Error) && p.annualReports.length === 0)).toBe(true);
      const report = await restarted.ingest();
      expect(report.applied).toEqual(drop.feed.dropped.map((f) => f.name).slice(2));
      const resumed = await portState(restarted, usccs);
      await restarted.close();
      expect(resumed).toEqual(await cleanState);
    },
  );
});

const STORES = [
  {
    name: 'PGlite',
    available: true,
    target: async (drop: TempDrop, run: string) => ({ storeDir: await emptyStore(drop, run) }),
  },
  {
    name: `PostgreSQL${postgresAvailable ? '' : ' (skipped: no PostgreSQL server answers at the test URL)'}`,
    available: postgresAvailable,
    target: async (_: TempDrop, run: string) => {
      const schema = `credit_kill_${runId}_${run}`;
      schemas.push(schema);
      return { databaseUrl: url, schema };
    },
  },
];

describe.each(STORES)('credit ingestion killed at random points ($name)', ({ available, target }) => {
  it.skipIf(!available)(
    `ends, after each of ${KILLS} kills and a restart, in the state of a clean run`,
    { timeout: 300_000 },
    async () => {
      const drop = await newDrop();
      const clean = await runIngestProcess({
        dropDir: drop.dropDir,
        ...(await target(drop, 'clean')),
        ...PACE,
        digest: true,
      });
      expect(clean.digest?.rows).toMatchObject({ enterprise: 200, applied_file: drop.feed.dropped.length });
      // Kill points: a chunk written inside a file's transaction, then up to two chunks' pause more.
      const chunks = clean.progress.filter((line) => line.startsWith('chunk '));
      const random = new Random(SEED);
      for (let k = 1; k <= KILLS; k++) {
        const at = random.pick(chunks);
        const delayMs = random.int(0, 2 * PACE.chunkDelayMs);
        const where = `kill ${k} at '${at}' + ${delayMs} ms (CREDIT_CRASH_SEED=${SEED})`;
        const store = await target(drop, `kill${k}`);
        const killed = await runIngestProcess(
          { dropDir: drop.dropDir, ...store, ...PACE },
          { at: (line) => line === at, delayMs },
        );
        expect(killed.killed, where).toBe(true);
        const resumed = await runIngestProcess({ dropDir: drop.dropDir, ...store, ...PACE, digest: true });
        expect(resumed.digest, where).toEqual(clean.digest);
      }
    },
  );
});
