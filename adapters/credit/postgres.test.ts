/**
 * The same store on a real PostgreSQL server (CREDIT_TEST_DATABASE_URL, default the local test
 * database), in a schema of its own per run: ingestion to the world's state, two adapters racing
 * over one schema without applying any file twice, and a crash half-way resumed by a fresh adapter.
 * Skipped, with the reason, when no server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditTestWorld } from '../../test/support/credit/hand-world.ts';
import { postgresReachable } from '../../test/support/postgres.ts';
import { createCreditAdapter } from './index.ts';
import { type TempDrop, portState, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';

const url = process.env.CREDIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const reachable = () => postgresReachable(url);

const available = await reachable();
const world = creditTestWorld(120);
const usccs = world.credit.snapshot.enterprises.map((e) => e.uscc);
const runId = `${process.pid}_${Date.now()}`;

describe.skipIf(!available)(
  `credit store on PostgreSQL (${available ? url.replace(/\/\/[^@]*@/, '//') : 'skipped: no PostgreSQL server answers at the test URL'})`,
  () => {
    let drop: TempDrop;
    const schemas: string[] = [];
    const options = (schema: string) => ({
      dropDir: drop.dropDir,
      databaseUrl: url,
      schema,
      timeoutMs: 10_000,
      logger: quietLogger(),
    });

    beforeAll(async () => {
      drop = await tempDrop(world);
    });
    afterAll(async () => {
      const client = new pg.Client(url);
      await client.connect();
      for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
      await drop?.cleanup();
    });

    it('applies every file exactly once when two adapters race over one schema, to the same state as PGlite', async () => {
      const schema = `credit_race_${runId}`;
      schemas.push(schema);
      const [a, b] = [await createCreditAdapter(options(schema)), await createCreditAdapter(options(schema))];
      const [ra, rb] = await Promise.all([a!.ingest(), b!.ingest()]);
      expect([...ra.applied, ...rb.applied].sort()).toEqual(drop.feed.dropped.map((f) => f.name).sort());

      const embedded = await createCreditAdapter({ dropDir: drop.dropDir, timeoutMs: 10_000, logger: quietLogger() });
      await embedded.ingest();
      expect(await portState(a!, usccs)).toEqual(await portState(embedded, usccs));
      await Promise.all([a!.close(), b!.close(), embedded.close()]);
    });

    it('rolls back a file that fails half-way; a fresh adapter resumes at it', async () => {
      const schema = `credit_crash_${runId}`;
      schemas.push(schema);
      const crashing = await createCreditAdapter({
        ...options(schema),
        chunkRows: 30,
        afterChunk: (file, written) => {
          if (file === 'QYJBXX_FULL_20261018.csv' && written >= 60) throw new Error('simulated crash');
        },
      });
      await expect(crashing.ingest()).rejects.toThrow('applyDropFile');
      expect(await crashing.freshness()).toEqual({
        newestFileDate: null,
        appliedFiles: 0,
        rejectedFiles: 0,
        supersededFiles: 0,
        quarantinedRows: 0,
        heldFiles: [],
      });
      expect((await crashing.searchEnterprises({}, { offset: 0, limit: 1 })).total).toBe(0);
      await crashing.close();

      const resumed = await createCreditAdapter(options(schema));
      expect((await resumed.ingest()).applied).toEqual(drop.feed.dropped.map((f) => f.name));
      expect((await resumed.searchEnterprises({}, { offset: 0, limit: 1 })).total).toBe(world.enterprises.length);
      await resumed.close();
    });
  },
);
