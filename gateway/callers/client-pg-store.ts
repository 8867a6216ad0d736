/**
 * API client records in PostgreSQL (CLIENTS_DATABASE_URL), for gateway replicas that must see one list:
 * a table of key hashes in a schema of its own, made on first use. Revoking sets revoked_at; records
 * are never deleted, so the list says who had access when.
 */
import type { Scope } from '../../graph/caller.ts';
import { openPoolWithSetup } from '../../runtime/pg-setup.ts';
import type { ClientRecord, ClientStore } from './clients.ts';

interface Row {
  name: string;
  key_hash: string;
  scopes: string[];
  districts: string[] | null;
  safelist: string[] | null;
  rate_per_second: number | null;
  rate_burst: number | null;
  created_at: Date;
  revoked_at: Date | null;
}

export async function postgresClientStore(databaseUrl: string, schema: string): Promise<ClientStore> {
  const table = `"${schema}".api_clients`;
  const pool = await openPoolWithSetup(databaseUrl, [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `CREATE TABLE IF NOT EXISTS ${table} (
      key_hash text PRIMARY KEY,
      name text NOT NULL,
      scopes text[] NOT NULL,
      districts text[],
      safelist text[],
      rate_per_second double precision,
      rate_burst integer,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz)`,
    // One active key per client name.
    `CREATE UNIQUE INDEX IF NOT EXISTS api_clients_active_name ON ${table} (name) WHERE revoked_at IS NULL`,
  ]);
  return {
    async list() {
      const { rows } = await pool.query<Row>(`SELECT * FROM ${table} ORDER BY created_at`);
      return rows.map(fromRow);
    },
    async add(record) {
      try {
        await pool.query(
          `INSERT INTO ${table} (key_hash, name, scopes, districts, safelist, rate_per_second, rate_burst, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            record.keyHash,
            record.name,
            record.scopes,
            record.districts ?? null,
            record.safelist ?? null,
            record.rate?.perSecond ?? null,
            record.rate?.burst ?? null,
            record.createdAt,
          ],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505')
          throw new Error(`client '${record.name}' already has an active key; revoke it first`, { cause: error });
        throw error;
      }
    },
    async revoke(name, at) {
      const result = await pool.query(`UPDATE ${table} SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL`, [
        name,
        at,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    close: () => pool.end(),
  };
}

function fromRow(row: Row): ClientRecord {
  return {
    name: row.name,
    keyHash: row.key_hash,
    scopes: row.scopes as Scope[],
    districts: row.districts ?? undefined,
    safelist: row.safelist ?? undefined,
    rate:
      row.rate_per_second === null || row.rate_burst === null
        ? undefined
        : { perSecond: row.rate_per_second, burst: row.rate_burst },
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString(),
  };
}
