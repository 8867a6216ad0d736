/**
 * The adapter's one way into the exchange database: a parameterised query and nothing else. Two
 * implementations run the same SQL: embedded PGlite (opened from a data directory, or an instance
 * handed in) and a `pg` pool on a PostgreSQL server. The schema is put on the search path once, so
 * statements name tables unqualified.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { cancellableQuery } from '../core/pg-cancel.ts';

export interface SqlClient {
  /** `signal` cancels the statement on a server; PGlite cannot cancel one and ignores it. */
  query<T>(sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<T[]>;
  close(): Promise<void>;
}

/** The part of a PGlite instance the adapter uses: a fault-injecting stand-in may provide it too. */
export interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function checkSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`inspection adapter: schema must match ${SCHEMA_NAME}, got '${schema}'`);
  return schema;
}

export async function pgliteClient(
  source: { dataDir: string } | { pglite: PgliteLike },
  schema: string,
): Promise<SqlClient> {
  const db: PgliteLike = 'dataDir' in source ? new PGlite(source.dataDir) : source.pglite;
  await db.exec(`SET search_path TO ${checkSchema(schema)}`);
  return {
    query: async <T>(sql: string, params: readonly unknown[]) => (await db.query<T>(sql, [...params])).rows,
    // An instance handed in belongs to the caller; only one opened here is closed here.
    close: async () => (db instanceof PGlite && 'dataDir' in source ? db.close() : undefined),
  };
}

/** `queueTimeoutMs` bounds the wait for one of the pool's connections; `timeoutMs` each statement. */
export function pgPoolClient(
  databaseUrl: string,
  schema: string,
  timeoutMs: number,
  queueTimeoutMs: number,
): SqlClient {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    connectionTimeoutMillis: queueTimeoutMs,
    // The server abandons a statement the adapter has given up on, so it frees its connection.
    options: `-c search_path=${checkSchema(schema)} -c statement_timeout=${Math.ceil(timeoutMs)}`,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return {
    query: <T>(sql: string, params: readonly unknown[], signal?: AbortSignal) =>
      cancellableQuery<T>(pool, databaseUrl, sql, params, signal),
    close: () => pool.end(),
  };
}
