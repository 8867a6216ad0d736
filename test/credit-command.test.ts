/**
 * `npm run credit` as operators run it, a process of its own: it lists the verdicts and applies a held
 * snapshot, on the embedded store (refused, naming the process, while another process holds the folder)
 * and on PostgreSQL beside a running adapter (whose next pass has nothing left to judge).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type CreditAdapter, createCreditAdapter } from '../adapters/credit/index.ts';
import { type TempDrop, quietLogger, tempDrop } from './support/credit/drop-folder.ts';
import { deliverFile, registerSnapshot, snapshotName } from './support/credit/deliveries.ts';
import { creditTestWorld } from './support/credit/hand-world.ts';
import { postgresReachable } from './support/postgres.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const url = process.env.CREDIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const available = await postgresReachable(url);
const world = creditTestWorld();
const HELD = snapshotName('QYJBXX', '2026-10-30');

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function credit(args: readonly string[], env: Record<string, string>): Promise<Ran> {
  const { CREDIT_DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/credit.ts', ...args], {
    cwd: projectRoot,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A store with the world ingested and a register snapshot shrinking it from 30 to 10 enterprises, held. */
async function withHeldSnapshot(drop: TempDrop, store: { storeDir: string } | { databaseUrl: string; schema: string }) {
  const adapter = await createCreditAdapter({
    dropDir: drop.dropDir,
    ...store,
    timeoutMs: 20_000,
    logger: quietLogger(),
  });
  await adapter.ingest();
  await deliverFile(drop.dropDir, HELD, registerSnapshot(world, 10, '2026-10-30'));
  expect((await adapter.ingest()).held).toEqual([HELD]);
  return adapter;
}

const registerSize = async (adapter: CreditAdapter) =>
  (await adapter.searchEnterprises({}, { offset: 0, limit: 1 })).total;

describe('npm run credit', () => {
  const drops: TempDrop[] = [];
  const newDrop = async () => {
    const drop = await tempDrop(world);
    drops.push(drop);
    return drop;
  };
  afterAll(async () => {
    for (const d of drops) await d.cleanup();
  });

  it(
    'on the embedded store: refuses while another process holds it, then lists and applies the held snapshot',
    { timeout: 120_000 },
    async () => {
      const drop = await newDrop();
      const storeDir = join(drop.root, 'store');
      const env = { CREDIT_DROP_DIR: drop.dropDir, CREDIT_STORE_DIR: storeDir };
      const running = await withHeldSnapshot(drop, { storeDir });
      const refused = await credit(['apply', HELD], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`the credit store ${storeDir} is in use by process ${process.pid}`);
      await running.close();

      const status = await credit(['status'], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        new RegExp(`${HELD} +HELD +10 +0 +30 .* would shrink the dataset by 66.7%, from 30 to 10 rows`),
      );
      expect(status.stdout).toContain('files, 1 held: npm run credit -- apply <file> applies one');

      const applied = await credit(['apply', HELD], env);
      expect(applied).toMatchObject({ code: 0, stdout: `${HELD}: APPLIED (applied by an operator)\n` });
      expect(await credit(['apply'], env)).toMatchObject({ code: 2 });

      const reopened = await createCreditAdapter({
        dropDir: drop.dropDir,
        storeDir,
        timeoutMs: 20_000,
        logger: quietLogger(),
      });
      expect(await registerSize(reopened)).toBe(10);
      expect((await reopened.freshness()).heldFiles).toEqual([]);
      await reopened.close();
    },
  );

  it.skipIf(!available)(
    `on PostgreSQL: applies the held snapshot beside the running adapter${available ? '' : ' (skipped: no PostgreSQL server answers at the test URL)'}`,
    { timeout: 120_000 },
    async () => {
      const drop = await newDrop();
      const schema = `credit_command_${process.pid}_${Date.now()}`;
      const running = await withHeldSnapshot(drop, { databaseUrl: url, schema });
      try {
        const applied = await credit(['apply', HELD], {
          CREDIT_DROP_DIR: drop.dropDir,
          CREDIT_DATABASE_URL: url,
          CREDIT_DB_SCHEMA: schema,
        });
        expect(applied).toMatchObject({ code: 0, stdout: `${HELD}: APPLIED (applied by an operator)\n` });
        expect(await registerSize(running)).toBe(10);
        expect((await running.freshness()).heldFiles).toEqual([]);
        expect(await running.ingest()).toEqual({ applied: [], rejected: [], held: [], superseded: [], waiting: [] });
      } finally {
        await running.close();
        const client = new pg.Client(url);
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  );
});
