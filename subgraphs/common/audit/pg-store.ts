/**
 * The audit trail in PostgreSQL (AUDIT_DATABASE_URL): a table in a schema of its own, made on first use,
 * kept append-only by a trigger that refuses UPDATE, DELETE and TRUNCATE (whoever owns the table can
 * still drop the trigger: give the graph's database role INSERT and SELECT only in production).
 */
import type { AuditRecord, AuditTrail } from './trail.ts';
import { openPoolWithSetup } from '../../../runtime/pg-setup.ts';

interface Row {
  at: Date;
  subject: string;
  client: string | null;
  request_id: string;
  operation_name: string | null;
  operation_hash: string | null;
  subgraph: string;
  revealed: AuditRecord['revealed'];
}

export async function postgresAuditTrail(databaseUrl: string, schema: string): Promise<AuditTrail> {
  const table = `"${schema}".personal_data_reads`;
  const pool = await openPoolWithSetup(databaseUrl, [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `CREATE TABLE IF NOT EXISTS ${table} (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      subject text NOT NULL,
      client text,
      request_id text NOT NULL,
      operation_name text,
      operation_hash text,
      subgraph text NOT NULL,
      revealed jsonb NOT NULL)`,
    `CREATE OR REPLACE FUNCTION "${schema}".audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'the personal-data audit trail is append-only'; END $$`,
    `DROP TRIGGER IF EXISTS audit_append_only ON ${table}`,
    `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_append_only()`,
  ]);
  return {
    async append(r) {
      await pool.query(
        `INSERT INTO ${table} (at, subject, client, request_id, operation_name, operation_hash, subgraph, revealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          r.at,
          r.subject,
          r.client,
          r.requestId,
          r.operationName,
          r.operationHash,
          r.subgraph,
          JSON.stringify(r.revealed),
        ],
      );
    },
    async read(filter, page) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (condition: string, value: unknown) => {
        values.push(value);
        where.push(condition.replace('?', `$${values.length}`));
      };
      if (filter.subject !== undefined) add('subject = ?', filter.subject);
      if (filter.client !== undefined) add('client = ?', filter.client);
      if (filter.operationName !== undefined) add('operation_name = ?', filter.operationName);
      if (filter.from !== undefined) add('at >= ?', filter.from);
      if (filter.to !== undefined) add('at < ?', filter.to);
      const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      const total = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} ${clause}`, values);
      const { rows } = await pool.query<Row>(
        `SELECT * FROM ${table} ${clause} ORDER BY id OFFSET $${values.length + 1} LIMIT $${values.length + 2}`,
        [...values, page.offset, page.limit],
      );
      return { items: rows.map(fromRow), total: Number(total.rows[0]?.n ?? 0) };
    },
    async close() {
      await pool.end();
    },
  };
}

function fromRow(row: Row): AuditRecord {
  return {
    at: row.at.toISOString(),
    subject: row.subject,
    client: row.client,
    requestId: row.request_id,
    operationName: row.operation_name,
    operationHash: row.operation_hash,
    subgraph: row.subgraph,
    revealed: row.revealed,
  };
}
