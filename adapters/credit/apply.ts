/**
 * Writes one parsed drop file's rows inside the caller's transaction: a snapshot first empties its
 * table, then upserts in chunks, then removals (a register removal takes the enterprise's credit
 * records with it). Any throw rolls all of it back with the rest of the transaction.
 * The event loop gets a turn after each chunk: an embedded store (PGlite) runs each statement on the
 * caller's thread.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Dataset, StoreRow } from './datasets.ts';
import type { DropFileName } from './drop-names.ts';
import type { ParsedFile, QuarantinedLine } from './parse-file.ts';
import type { SqlRunner } from './store.ts';

/** A file that parsed: its rows and its quarantined lines. */
export type ParsedRows = Extract<ParsedFile, { ok: true }>;

export interface WriteOptions {
  readonly chunkRows: number;
  /** Called inside the transaction after each written chunk; a throw aborts the file (tests inject crashes here). */
  readonly afterChunk?: (file: string, rowsWritten: number) => void | Promise<void>;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const columnType = (d: Dataset, column: string) => d.columns.find(([c]) => c === column)?.[1] ?? 'text';

function upsertSql(d: Dataset): string {
  const columns = d.columns.map(([c]) => c);
  const arrays = d.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const updates = columns
    .filter((c) => !d.key.includes(c))
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  return `INSERT INTO ${d.table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays}) ON CONFLICT (${d.key.join(', ')}) DO UPDATE SET ${updates}`;
}

function deleteSql(d: Dataset): string {
  const arrays = d.key.map((k, i) => `$${i + 1}::${columnType(d, k)}[]`).join(', ');
  const match = d.key.map((k) => `t.${k} = k.${k}`).join(' AND ');
  return `DELETE FROM ${d.table} t USING unnest(${arrays}) AS k(${d.key.join(', ')}) WHERE ${match}`;
}

const columnArrays = (rows: readonly StoreRow[], columns: readonly string[]) =>
  columns.map((c) => rows.map((r) => r[c] ?? null));

export async function quarantine(
  tx: SqlRunner,
  file: string,
  lines: readonly QuarantinedLine[],
  chunkRows: number,
): Promise<void> {
  for (const part of chunks(lines, chunkRows)) {
    await tx.query(
      'INSERT INTO quarantine (file, line, reason, raw) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])',
      [file, part.map((q) => q.line), part.map((q) => q.reason), part.map((q) => q.raw)],
    );
  }
}

export async function writeRows(
  tx: SqlRunner,
  file: DropFileName,
  rows: ParsedRows,
  options: WriteOptions,
): Promise<void> {
  const d = file.dataset;
  // A snapshot replaces its dataset entirely.
  if (file.kind === 'FULL') await tx.query(`DELETE FROM ${d.table}`);
  let written = 0;
  const upsert = upsertSql(d);
  for (const part of chunks(rows.upserts, options.chunkRows)) {
    await tx.query(
      upsert,
      columnArrays(
        part,
        d.columns.map(([c]) => c),
      ),
    );
    written += part.length;
    await options.afterChunk?.(file.name, written);
    await nextTurn();
  }
  for (const part of chunks(rows.removals, options.chunkRows)) {
    await tx.query(deleteSql(d), columnArrays(part, d.key));
    for (const table of d.removalCascade ?? [])
      await tx.query(`DELETE FROM ${table} WHERE uscc = ANY($1::text[])`, [part.map((r) => r.uscc)]);
    written += part.length;
    await options.afterChunk?.(file.name, written);
    await nextTurn();
  }
  // After a bulk replace the planner's statistics are stale; without them it scans for every key.
  if (file.kind === 'FULL') await tx.query(`ANALYZE ${d.table}`);
}
