/**
 * Atomicity and resumption under a real crash: the ingesting process is killed (SIGKILL) half-way
 * through a file's transaction on a PGlite data directory. Reopened, the store holds nothing of that
 * file; ingestion resumes at exactly that file and ends in the state of a clean run. (The same with
 * an injected failure on PostgreSQL: postgres.test.ts.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { creditTestWorld } from '../../test/support/credit/hand-world.ts';
import { createCreditAdapter } from './index.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';

const world = creditTestWorld(200);
const usccs = world.credit.snapshot.enterprises.map((e) => e.uscc);
const KILLED_FILE = 'QYNB_FULL_20261018.csv';
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts ingestion in a child process and kills it once it has written `rows` rows of `file`. */
function killMidFile(options: object, file: string, rows: number): Promise<string[]> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/credit/ingest-process.ts', JSON.stringify(options)],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const progress: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      progress.push(...text.trim().split('\n'));
      if (progress.includes(`chunk ${file} ${rows}`)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(progress)
        : reject(new Error(`ingesting process ended before the kill: ${progress.at(-1)}`)),
    );
  });
}

describe('credit ingestion atomicity and resumption', () => {
  const drops: TempDrop[] = [];
  afterAll(async () => {
    for (const d of drops) await d.cleanup();
  });

  // Three PGlite instances and a child process: slow on a loaded machine, hence the longer timeout.
  it(
    'keeps nothing of the killed file, then resumes at it to the state of a clean run',
    { timeout: 90_000 },
    async () => {
      const [drop, cleanDrop] = [await tempDrop(world), await tempDrop(world)];
      drops.push(drop, cleanDrop);
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
      const progress = await killMidFile(
        { dropDir: drop.dropDir, storeDir, chunkRows: 40, chunkDelayMs: 50 },
        KILLED_FILE,
        200,
      );
      expect(progress.filter((p) => p.startsWith(`chunk ${KILLED_FILE}`))).toHaveLength(5);
      expect(progress).not.toContain('done');

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
