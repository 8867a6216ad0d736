/**
 * The store's tables. Register and credit data keyed as the platform keys them; `applied_file` is the
 * ledger (one row per delivered file and its verdict, written in the same transaction as the file's
 * data, so a file is applied exactly once); `quarantine` holds every refused line (line 0: the whole
 * file was refused).
 */
import type { SqlRunner, SqlStore } from './store.ts';

const TABLES = `
CREATE TABLE IF NOT EXISTS enterprise (
  uscc text PRIMARY KEY, name text NOT NULL, type text NOT NULL, legal_representative text NOT NULL,
  registered_address text NOT NULL, recorded_district text NOT NULL, status text NOT NULL, established_on text NOT NULL);
CREATE INDEX IF NOT EXISTS enterprise_district ON enterprise (recorded_district);
CREATE TABLE IF NOT EXISTS risk_class (uscc text PRIMARY KEY, risk_class text NOT NULL, classified_on text NOT NULL);
CREATE INDEX IF NOT EXISTS risk_class_class ON risk_class (risk_class);
CREATE TABLE IF NOT EXISTS annual_report (uscc text NOT NULL, year int NOT NULL, filed_on text NOT NULL, on_time boolean NOT NULL, PRIMARY KEY (uscc, year));
CREATE TABLE IF NOT EXISTS penalty (
  decision_number text PRIMARY KEY, uscc text NOT NULL, violation_type text NOT NULL, content text NOT NULL, authority text NOT NULL, decided_on text NOT NULL);
CREATE INDEX IF NOT EXISTS penalty_uscc ON penalty (uscc);
CREATE TABLE IF NOT EXISTS abnormal_listing (
  uscc text NOT NULL, reason text NOT NULL, listed_on text NOT NULL, listed_by text NOT NULL,
  removed_on text, removal_reason text, removed_by text, PRIMARY KEY (uscc, reason, listed_on));
CREATE TABLE IF NOT EXISTS serious_violation (
  uscc text NOT NULL, listed_on text NOT NULL, reason text NOT NULL, listed_by text NOT NULL, removed_on text, PRIMARY KEY (uscc, listed_on));
CREATE TABLE IF NOT EXISTS applied_file (
  name text PRIMARY KEY, dataset text NOT NULL, kind text NOT NULL, file_date text NOT NULL, size bigint NOT NULL, sha256 text NOT NULL,
  status text NOT NULL CONSTRAINT applied_file_status_check CHECK (status IN ('APPLIED', 'REJECTED', 'HELD', 'SUPERSEDED')),
  rows_applied int NOT NULL, rows_quarantined int NOT NULL,
  reason text, applied_at timestamptz NOT NULL DEFAULT now(), content_sha256 text, current_rows int);
CREATE TABLE IF NOT EXISTS quarantine (file text NOT NULL, line int NOT NULL, reason text NOT NULL, raw text NOT NULL, PRIMARY KEY (file, line));
`;

/** A ledger made before files could be held or superseded: two more columns, two more statuses. */
const UPGRADE_LEDGER = `
ALTER TABLE applied_file ADD COLUMN IF NOT EXISTS content_sha256 text;
ALTER TABLE applied_file ADD COLUMN IF NOT EXISTS current_rows int;
ALTER TABLE applied_file DROP CONSTRAINT IF EXISTS applied_file_status_check;
ALTER TABLE applied_file ADD CONSTRAINT applied_file_status_check CHECK (status IN ('APPLIED', 'REJECTED', 'HELD', 'SUPERSEDED'))
`;

/**
 * Every write transaction on the store (this migration, each file's verdict) holds this lock first, so
 * appliers in several processes over one PostgreSQL schema take turns and judge files in apply order.
 */
export const INGEST_LOCK = 'SELECT pg_advisory_xact_lock(8524, hashtext(current_schema()))';

const statements = (sql: string) =>
  sql
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

async function run(db: SqlRunner, sql: string): Promise<void> {
  for (const statement of statements(sql)) await db.query(statement);
}

export async function migrate(store: SqlStore): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query(INGEST_LOCK);
    await run(tx, TABLES);
    const [ledger] = await tx.query<{ upgraded: boolean }>(
      `SELECT pg_get_constraintdef(oid) LIKE '%HELD%' AS upgraded FROM pg_constraint
       WHERE conname = 'applied_file_status_check' AND conrelid = 'applied_file'::regclass`,
    );
    if (ledger?.upgraded) return;
    await run(tx, UPGRADE_LEDGER);
    // Applied files matched their markers; a file refused for a mismatch keeps its marker's checksum here.
    await tx.query('UPDATE applied_file SET content_sha256 = sha256 WHERE content_sha256 IS NULL');
  });
}
