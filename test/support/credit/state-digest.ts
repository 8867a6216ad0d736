/**
 * The credit store's whole state as one digest, read straight from its tables: every data row, the
 * quarantine and the ledger (without the time each verdict was recorded). Two runs that end in the same
 * state have the same digest, on PGlite and PostgreSQL alike.
 */
import { createHash } from 'node:crypto';
import type { SqlRunner } from '../../../adapters/credit/store.ts';

const TABLES = ['enterprise', 'risk_class', 'annual_report', 'penalty', 'abnormal_listing', 'serious_violation'];
const LEDGER = `concat_ws('|', name, dataset, kind, file_date, size, sha256, content_sha256, status, rows_applied,
  rows_quarantined, current_rows, reason)`;

export interface StoreDigest {
  readonly digest: string;
  /** Rows per table, for the figures. */
  readonly rows: Readonly<Record<string, number>>;
}

export async function storeDigest(db: SqlRunner): Promise<StoreDigest> {
  const parts: [string, string, number][] = [];
  const read = async (name: string, row: string, from: string) => {
    const [r] = await db.query<{ md5: string | null; n: number }>(
      `SELECT md5(string_agg(${row}, E'\\n' ORDER BY ${row})) AS md5, count(*)::int AS n FROM ${from}`,
    );
    parts.push([name, r?.md5 ?? '', r?.n ?? 0]);
  };
  for (const table of TABLES) await read(table, 't::text', `${table} t`);
  await read('quarantine', 't::text', 'quarantine t');
  await read('applied_file', LEDGER, 'applied_file');
  return {
    digest: createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16),
    rows: Object.fromEntries(parts.map(([name, , n]) => [name, n])),
  };
}
