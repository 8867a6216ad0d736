/**
 * Test-only helpers: a quiet logger, an embedded exchange database prepared from a world, and the
 * PostgreSQL test server (INSPECTION_TEST_DATABASE_URL, default the local `test` database) with a
 * schema of its own per run.
 */
import { postgresReachable as reachable } from '../postgres.ts';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { prepareInspection } from '../../../legacy/inspection/prepare.ts';
import type { World } from '../../../legacy/seed/world.ts';
import { createLogger } from '../../../runtime/logger.ts';
import { CallRecorder } from '../../../adapters/core/index.ts';
import type { Backend } from './contract.ts';
import { createInspectionAdapter } from '../../../adapters/inspection/index.ts';
import type { InspectionPort } from '../../../adapters/inspection/port.ts';

export const quietLogger = () => createLogger({ level: 'silent', name: 'inspection-test' });

export const TEST_SCHEMA = 'jy_qzk';

/** An adapter over a PGlite database prepared from a world, recorded, as the adapter contract takes it. */
export async function pgliteBackend(world: World): Promise<{ db: PGlite; adapter: InspectionPort; backend: Backend }> {
  const db = await preparedPglite(world);
  const recorder = new CallRecorder();
  const adapter = await createInspectionAdapter({
    pglite: db,
    schema: TEST_SCHEMA,
    timeoutMs: 10_000,
    observers: [recorder.observer],
    logger: quietLogger(),
  });
  return {
    db,
    adapter,
    backend: {
      adapter,
      recorder,
      raw: async (sql, params = []) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    },
  };
}

export async function preparedPglite(world: World): Promise<PGlite> {
  const db = new PGlite();
  await prepareInspection(world, { pglite: db, schema: TEST_SCHEMA });
  return db;
}

export const postgresTestUrl = process.env.INSPECTION_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without credentials, for test titles. */
export const shownUrl = postgresTestUrl.replace(/\/\/[^@]*@/, '//');

export const postgresReachable = () => reachable(postgresTestUrl);

/** A schema name no parallel run shares. */
export const uniqueSchema = (label: string) => `jy_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client(postgresTestUrl);
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
