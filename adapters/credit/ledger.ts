/**
 * The ledger (`applied_file`): one row per delivered file with its verdict. A verdict holds for one
 * delivery, its bytes: a refused or held file delivered again with other bytes (a new marker) is
 * judged again; the same bytes are not.
 */
import { type DropFileName, type Marker, applyOrder, parseDropFileName } from './drop-names.ts';
import type { SqlRunner } from './store.ts';

/**
 * APPLIED: its rows are in the store. REJECTED: refused whole (undecodable, damaged). HELD: usable, but
 * applying it could lose data; it waits for an operator or a new delivery. SUPERSEDED: a snapshot of its
 * dataset at least as new is applied, so its content is already there; recorded, not applied.
 */
export type FileStatus = 'APPLIED' | 'REJECTED' | 'HELD' | 'SUPERSEDED';

export interface LedgerEntry {
  readonly file: DropFileName;
  readonly status: FileStatus;
  /** The done-marker's size and checksum when the file was judged. */
  readonly marker: Marker;
  /** The checksum of the bytes judged (differs from the marker's only for a file refused as damaged). */
  readonly contentSha256: string;
}

interface LedgerRow {
  name: string;
  status: FileStatus;
  size: string | number;
  sha256: string;
  content_sha256: string;
}

const COLUMNS = 'name, status, size, sha256, content_sha256';

function toEntry(row: LedgerRow): LedgerEntry | undefined {
  const file = parseDropFileName(row.name);
  return (
    file && {
      file,
      status: row.status,
      marker: { size: Number(row.size), sha256: row.sha256 },
      contentSha256: row.content_sha256,
    }
  );
}

const entries = (rows: readonly LedgerRow[]) => rows.flatMap((r) => toEntry(r) ?? []);

/** Every file the ledger holds, by name. */
export async function readLedger(db: SqlRunner): Promise<Map<string, LedgerEntry>> {
  const rows = await db.query<LedgerRow>(`SELECT ${COLUMNS} FROM applied_file`);
  return new Map(entries(rows).map((e) => [e.file.name, e]));
}

/** Same delivery: the marker is unchanged and so are the bytes judged (read only when they did not match it). */
export async function sameDelivery(
  entry: LedgerEntry,
  marker: Marker,
  readContentSha256: () => Promise<string>,
): Promise<boolean> {
  if (entry.marker.size !== marker.size || entry.marker.sha256 !== marker.sha256) return false;
  if (entry.contentSha256 === entry.marker.sha256) return true;
  return (await readContentSha256()) === entry.contentSha256;
}

/** What a file's place in the apply order means, given what the store holds (read inside the file's transaction). */
export interface Standing {
  /** This file's own ledger entry, if it was judged before. */
  readonly own: LedgerEntry | undefined;
  /** The newest applied snapshot of the file's dataset. */
  readonly snapshot: LedgerEntry | undefined;
  /** Applied files after this one in the apply order (any dataset), in that order: to re-apply after a late file. */
  readonly later: readonly LedgerEntry[];
}

export async function readStanding(tx: SqlRunner, file: DropFileName): Promise<Standing> {
  const rows = await tx.query<LedgerRow>(
    `SELECT ${COLUMNS} FROM applied_file WHERE name = $1 OR (status = 'APPLIED' AND (file_date >= $2 OR (dataset = $3 AND kind = 'FULL')))`,
    [file.name, file.date, file.dataset.code],
  );
  const found = entries(rows);
  const applied = found.filter((e) => e.status === 'APPLIED' && e.file.name !== file.name);
  const snapshot = applied
    .filter((e) => e.file.dataset === file.dataset && e.file.kind === 'FULL')
    .sort((a, b) => b.file.date.localeCompare(a.file.date))[0];
  return {
    own: found.find((e) => e.file.name === file.name),
    snapshot,
    later: applied.filter((e) => applyOrder(e.file, file) > 0).sort((a, b) => applyOrder(a.file, b.file)),
  };
}

export interface Verdict {
  readonly status: FileStatus;
  /** Usable rows: applied, or that applying would apply (held); 0 when refused or superseded. */
  readonly rows: number;
  readonly quarantined: number;
  /** Rows the dataset held when a snapshot was judged. */
  readonly currentRows?: number;
  readonly reason?: string;
}

/** Records the verdict on this delivery, replacing the verdict on an earlier delivery of the same name. */
export async function recordVerdict(
  tx: SqlRunner,
  file: DropFileName,
  marker: Marker,
  contentSha256: string,
  verdict: Verdict,
): Promise<void> {
  await tx.query(
    `INSERT INTO applied_file (name, dataset, kind, file_date, size, sha256, content_sha256, status, rows_applied, rows_quarantined, current_rows, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (name) DO UPDATE SET size = EXCLUDED.size, sha256 = EXCLUDED.sha256, content_sha256 = EXCLUDED.content_sha256,
       status = EXCLUDED.status, rows_applied = EXCLUDED.rows_applied, rows_quarantined = EXCLUDED.rows_quarantined,
       current_rows = EXCLUDED.current_rows, reason = EXCLUDED.reason, applied_at = now()`,
    [
      file.name,
      file.dataset.code,
      file.kind,
      file.date,
      marker.size,
      marker.sha256,
      contentSha256,
      verdict.status,
      verdict.rows,
      verdict.quarantined,
      verdict.currentRows ?? null,
      verdict.reason ?? null,
    ],
  );
}

/** A snapshot applied: files of its dataset held from before its date are now superseded by it. */
export async function supersedeHeld(tx: SqlRunner, snapshot: DropFileName): Promise<void> {
  await tx.query(
    `UPDATE applied_file SET status = 'SUPERSEDED', reason = $1, applied_at = now()
     WHERE dataset = $2 AND status = 'HELD' AND file_date <= $3 AND name <> $4`,
    [supersededReason(snapshot), snapshot.dataset.code, snapshot.date, snapshot.name],
  );
}

export const supersededReason = (snapshot: DropFileName): string =>
  `superseded by snapshot ${snapshot.name} (dated ${snapshot.date}), which already holds its content`;

/** Held files per dataset, for the metric. */
export async function heldCounts(db: SqlRunner): Promise<Map<string, number>> {
  const rows = await db.query<{ dataset: string; n: number }>(
    "SELECT dataset, count(*)::int AS n FROM applied_file WHERE status = 'HELD' GROUP BY dataset",
  );
  return new Map(rows.map((r) => [r.dataset, r.n]));
}
