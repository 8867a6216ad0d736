/**
 * The store's tables. Register and credit data keyed as the platform keys them; `applied_file` is the
 * ledger (one row per file, written in the same transaction as the file's data, so a file is applied
 * exactly once); `quarantine` holds every refused line (line 0: the whole file was refused).
 */
import type { SqlRunner } from './store.ts';

const DDL = `
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
  status text NOT NULL CHECK (status IN ('APPLIED', 'REJECTED')), rows_applied int NOT NULL, rows_quarantined int NOT NULL,
  reason text, applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS quarantine (file text NOT NULL, line int NOT NULL, reason text NOT NULL, raw text NOT NULL, PRIMARY KEY (file, line));
`;

export async function migrate(db: SqlRunner): Promise<void> {
  for (const statement of DDL.split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await db.query(statement);
}
