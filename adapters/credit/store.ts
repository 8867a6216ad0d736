/**
 * The queryable store the batch files are ingested into: embedded PGlite (a data directory, or memory
 * when none is given) or a real PostgreSQL server through `pg`, behind one narrow interface so the
 * same SQL runs on both. All tables live in one schema, set as the search path.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockStoreDir } from './store-lock.ts';
import { cancellableQuery } from '../core/pg-cancel.ts';

type Params = readonly unknown[];

export interface SqlRunner {
  /** `signal` cancels the statement on a PostgreSQL server; PGlite cannot cancel one and ignores it. */
  query<R>(sql: string, params?: Params, signal?: AbortSignal): Promise<R[]>;
}

export interface SqlStore extends SqlRunner {
  /** Runs `work` in one transaction: all of it commits, or none of it (a throw rolls back). */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`credit store: schema must match ${SCHEMA_NAME}, got '${schema}'`);
  return schema;
}

/** A data directory is locked for this process while open (store-lock.ts): StoreInUseError when another holds it. */
export async function openPglite(dataDir: string | undefined, schema: string): Promise<SqlStore> {
  const unlock = dataDir === undefined ? async () => undefined : await lockStoreDir(dataDir);
  let db: PGlite;
  try {
    db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  } catch (error) {
    await unlock();
    throw error;
  }
  const runner = (q: Pick<PGlite, 'query'>): SqlRunner => ({
    query: async <R>(sql: string, params: Params = []) => (await q.query<R>(sql, [...params])).rows,
  });
  return {
    ...runner(db),
    transaction: (work) => db.transaction((tx) => work(runner(tx))),
    close: async () => {
      await db.close();
      await unlock();
    },
  };
}

export async function openPostgres(url: string, schema: string): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const runner = (q: pg.Pool | pg.PoolClient): SqlRunner => ({
    query: async <R>(sql: string, params: Params = []) => (await q.query(sql, [...params])).rows as R[],
  });
  return {
    query: <R>(sql: string, params: Params = [], signal?: AbortSignal) =>
      cancellableQuery<R>(pool, url, sql, params, signal),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
