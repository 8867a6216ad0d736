/**
 * Applies one parsed drop file inside the caller's transaction: the ledger row first (it claims the
 * file, so a second applier conflicts instead of applying twice), then the rows in chunks, then the
 * quarantined lines. Any throw rolls all of it back: the file applies whole or not at all. The event loop
 * gets a turn after each chunk: an embedded store (PGlite) runs each statement on the caller's thread.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Dataset, StoreRow } from './datasets.ts';
import type { DropFileName, Marker } from './drop-names.ts';
import type { ParsedFile, QuarantinedLine } from './parse-file.ts';
import type { SqlRunner } from './store.ts';

export interface ApplyOptions {
  readonly chunkRows: number;
  /** Called inside the transaction after each written chunk; a throw aborts the file (tests inject crashes here). */
  readonly afterChunk?: (file: string, rowsWritten: number) => void | Promise<void>;
}

export type ApplyOutcome =
  | {
      readonly status: 'APPLIED' | 'REJECTED';
      readonly rows: number;
      readonly quarantined: number;
      readonly reason?: string;
    }
  | { readonly status: 'ALREADY_APPLIED' };

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

async function quarantine(
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

export async function applyDropFile(
  tx: SqlRunner,
  file: DropFileName,
  marker: Marker,
  parsed: ParsedFile,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const d = file.dataset;
  const newer = await tx.query<{ name: string }>(
    "SELECT name FROM applied_file WHERE dataset = $1 AND status = 'APPLIED' AND file_date > $2 ORDER BY file_date DESC LIMIT 1",
    [d.code, file.date],
  );
  const refusal = !parsed.ok
    ? parsed.reason
    : newer[0]
      ? `stale: dated before ${newer[0].name}, which is already applied`
      : undefined;
  const rows = parsed.ok && refusal === undefined ? parsed.upserts.length + parsed.removals.length : 0;
  const quarantined = parsed.ok && refusal === undefined ? parsed.quarantined.length : 0;
  const claimed = await tx.query<{ name: string }>(
    `INSERT INTO applied_file (name, dataset, kind, file_date, size, sha256, status, rows_applied, rows_quarantined, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (name) DO NOTHING RETURNING name`,
    [
      file.name,
      d.code,
      file.kind,
      file.date,
      marker.size,
      marker.sha256,
      refusal === undefined ? 'APPLIED' : 'REJECTED',
      rows,
      quarantined,
      refusal ?? null,
    ],
  );
  if (claimed.length === 0) return { status: 'ALREADY_APPLIED' };
  if (refusal !== undefined || !parsed.ok) {
    await quarantine(tx, file.name, [{ line: 0, reason: refusal ?? 'refused', raw: '' }], options.chunkRows);
    return { status: 'REJECTED', rows: 0, quarantined: 0, reason: refusal };
  }

  // A snapshot replaces its dataset entirely.
  if (file.kind === 'FULL') await tx.query(`DELETE FROM ${d.table}`);
  let written = 0;
  const upsert = upsertSql(d);
  for (const part of chunks(parsed.upserts, options.chunkRows)) {
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
  for (const part of chunks(parsed.removals, options.chunkRows)) {
    await tx.query(deleteSql(d), columnArrays(part, d.key));
    for (const table of d.removalCascade ?? [])
      await tx.query(`DELETE FROM ${table} WHERE uscc = ANY($1::text[])`, [part.map((r) => r.uscc)]);
    written += part.length;
    await options.afterChunk?.(file.name, written);
    await nextTurn();
  }
  await quarantine(tx, file.name, parsed.quarantined, options.chunkRows);
  // After a bulk replace the planner's statistics are stale; without them it scans for every key.
  if (file.kind === 'FULL') await tx.query(`ANALYZE ${d.table}`);
  return { status: 'APPLIED', rows, quarantined };
}
