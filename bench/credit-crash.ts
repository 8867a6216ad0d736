/**
 * Kill -9 while the credit files load: `npx tsx bench/credit-crash.ts [scale] [runs] [pglite|postgres|both] [databaseUrl]`
 * (defaults: city, 20, both, the local test database). For each store, a clean run gives the final
 * state's digest (every row, the quarantine, the ledger) and its load time T; then each run starts on an
 * empty store, is killed (SIGKILL) at a random moment within T, is started again to finish, and its
 * digest is compared with the clean one. Prints one line per run and a summary.
 *
 * The drop folder is the seeded folder's (`npm run seed -- <scale>`) when there is one, otherwise the
 * credit files alone are written once under DATA_DIR (default data/) as bench-credit-<scale>-…/.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../adapters/credit/ddl.ts';
import { openPglite } from '../adapters/credit/store.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { prepareCredit } from '../legacy/credit/index.ts';
import { DEFAULT_SEED, generateWorld } from '../legacy/seed/generate.ts';
import { Random } from '../legacy/seed/random.ts';
import type { ScaleName } from '../legacy/seed/world.ts';
import { SEED_AS_OF_DEFAULT } from '../runtime/env.ts';
import { type ChildRun, runIngestProcess } from '../test/support/credit/kill-runs.ts';

const [scale = 'city', runsArg = '20', which = 'both', databaseUrl = 'postgres://postgres@127.0.0.1:5432/test'] =
  process.argv.slice(2);
const runs = Number(runsArg);
const dataDir = process.env.DATA_DIR ?? 'data';
const spec = { scale: scale as ScaleName, seed: DEFAULT_SEED, asOf: SEED_AS_OF_DEFAULT };

async function creditDropDir(): Promise<string> {
  const seeded = seedFolder(dataDir, spec);
  if (existsSync(join(seeded, 'seeded.json'))) return join(seeded, 'credit');
  const own = join(dataDir, `bench-credit-${spec.scale}-${spec.seed}-${spec.asOf}`);
  const done = join(own, 'complete');
  if (!existsSync(done)) {
    const t = performance.now();
    await rm(own, { recursive: true, force: true });
    await mkdir(own, { recursive: true });
    await prepareCredit(generateWorld(spec), join(own, 'credit'));
    await writeFile(done, new Date().toISOString());
    console.log(`credit files for ${scale} written to ${own} in ${Math.round(performance.now() - t)} ms`);
  }
  return join(own, 'credit');
}

interface Store {
  readonly name: string;
  /** A fresh, empty store for run `id`. */
  make(id: string): Promise<{ storeDir: string } | { databaseUrl: string; schema: string }>;
  cleanup(): Promise<void>;
}

async function pgliteStore(): Promise<Store> {
  const root = await mkdtemp(join(tmpdir(), 'eg-credit-crash-'));
  // An empty store made once: each run copies it instead of paying an initdb.
  const template = join(root, 'template');
  const store = await openPglite(template, 'credit');
  await migrate(store);
  await store.close();
  return {
    name: 'PGlite',
    async make(id) {
      const storeDir = join(root, id);
      await cp(template, storeDir, { recursive: true });
      return { storeDir };
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

function postgresStore(): Store {
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    async make(id) {
      const schema = `credit_crash_${process.pid}_${id}`;
      schemas.push(schema);
      return { databaseUrl, schema };
    },
    async cleanup() {
      const client = new pg.Client(databaseUrl);
      await client.connect();
      for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
    },
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const lastChunk = (run: ChildRun) =>
  run.progress.filter((l) => l.startsWith('chunk ')).at(-1) ?? '(before the first chunk)';

async function crashRuns(dropDir: string, store: Store): Promise<void> {
  const pace = { chunkRows: 5000, chunkDelayMs: 0 };
  const clean = await runIngestProcess({ dropDir, ...(await store.make('clean')), ...pace, digest: true });
  const T = clean.loadMs;
  console.log(
    `\n${store.name}: clean run ${Math.round(clean.ms)} ms (load ${Math.round(T)} ms), digest ${clean.digest?.digest}, rows ${JSON.stringify(clean.digest?.rows)}`,
  );
  const random = new Random(Number(process.env.CREDIT_CRASH_SEED ?? 7));
  const figures: { restartMs: number; resumeMs: number; match: boolean }[] = [];
  for (let i = 1; i <= runs; i++) {
    let target = await store.make(`run${i}`);
    let killed: ChildRun | undefined;
    let afterMs = 0;
    // A kill drawn after the load ended (load times vary on a busy machine) is drawn again, earlier, on a new store.
    for (let attempt = 0, bound = T; !killed?.killed && bound > 50; attempt++, bound *= 0.8) {
      if (attempt > 0) target = await store.make(`run${i}_${attempt}`);
      afterMs = Math.round(bound * (0.02 + 0.96 * random.next()));
      killed = await runIngestProcess({ dropDir, ...target, ...pace }, { afterMs });
    }
    const resumed = await runIngestProcess({ dropDir, ...target, ...pace, digest: true });
    const match = resumed.digest?.digest === clean.digest?.digest;
    const applied = JSON.parse(resumed.progress.find((l) => l.startsWith('done '))?.slice(5) ?? '{}') as {
      applied?: number;
    };
    figures.push({ restartMs: resumed.ms, resumeMs: resumed.loadMs, match });
    console.log(
      [
        `run ${String(i).padStart(2)}`,
        `killed at ${afterMs} ms (${Math.round((afterMs / T) * 100)}% of the load)`,
        `in flight: ${lastChunk(killed!)}`,
        `restart ${Math.round(resumed.ms)} ms (ingest ${Math.round(resumed.loadMs)} ms, ${applied.applied ?? '?'} files)`,
        match ? 'state = clean' : `STATE DIFFERS: ${JSON.stringify(resumed.digest?.rows)}`,
      ].join(' · '),
    );
  }
  const matched = figures.filter((f) => f.match).length;
  console.log(
    `${store.name}: ${matched}/${figures.length} runs ended in the clean state; restart median ${Math.round(median(figures.map((f) => f.restartMs)))} ms, ingest after restart median ${Math.round(median(figures.map((f) => f.resumeMs)))} ms`,
  );
  if (matched !== figures.length) process.exitCode = 1;
}

const dropDir = await creditDropDir();
console.log(`drop folder ${dropDir}; ${runs} runs per store`);
const stores: Store[] = [];
if (which !== 'postgres') stores.push(await pgliteStore());
if (which !== 'pglite') stores.push(postgresStore());
for (const store of stores) {
  try {
    await crashRuns(dropDir, store);
  } finally {
    await store.cleanup();
  }
}
