/**
 * Where the exchange database lives: an embedded PGlite data directory, an already-open PGlite
 * instance, or a schema on a real PostgreSQL server. The stand-in's own thin handle (it shares no
 * code with the adapter's client): exec for scripts, query for parameterised statements.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const DEFAULT_SCHEMA = 'jy_qzk';

export type InspectionTarget =
  | { readonly dataDir: string; readonly schema?: string }
  | { readonly pglite: PGlite; readonly schema?: string }
  | { readonly databaseUrl: string; readonly schema?: string };

export interface LegacyDatabase {
  exec(sql: string): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function schemaOf(target: InspectionTarget): string {
  const schema = target.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`inspection database: schema must match ${SCHEMA_NAME}, got '${schema}'`);
  return schema;
}

/** Opens the target; `enterSchema` creates the schema and makes it the search path (for loading). */
export async function openLegacyDatabase(target: InspectionTarget, enterSchema = true): Promise<LegacyDatabase> {
  const schema = schemaOf(target);
  const setup = enterSchema ? `CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};` : 'SELECT 1';
  if ('databaseUrl' in target) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    await client.query(setup);
    return {
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, [...params])).rows,
      close: () => client.end(),
    };
  }
  const owned = 'dataDir' in target;
  const db = 'dataDir' in target ? new PGlite(target.dataDir) : target.pglite;
  await db.exec(setup);
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, [...params])).rows,
    // An instance handed in belongs to the caller; only one opened here is closed here.
    close: async () => (owned ? db.close() : undefined),
  };
}
