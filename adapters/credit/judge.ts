/**
 * The verdict on one delivered file, reached and recorded inside its transaction under the ingest lock
 * (so appliers in several processes take turns), with the file's rows when it applies. The rules
 * (README): a snapshot dated D replaces its dataset as of D; an increment dated on or before the newest
 * applied snapshot of its dataset is superseded; a file that arrives after files later in the apply
 * order were applied is applied, and those files are applied again after it (the state is then the one
 * an in-order run gives); a snapshot that would empty its dataset or shrink it by more than the
 * allowed share is held for an operator.
 */
import { type ParsedRows, type WriteOptions, quarantine, writeRows } from './apply.ts';
import { INGEST_LOCK } from './ddl.ts';
import type { DropFileName, Marker } from './drop-names.ts';
import {
  type LedgerEntry,
  type Verdict,
  readStanding,
  recordVerdict,
  supersedeHeld,
  supersededReason,
} from './ledger.ts';
import type { ParsedFile } from './parse-file.ts';
import type { SqlRunner } from './store.ts';

export interface Delivery {
  readonly file: DropFileName;
  readonly marker: Marker;
  /** Checksum of the bytes parsed. */
  readonly contentSha256: string;
  readonly parsed: ParsedFile;
}

/** An applied file read again from the drop directory, to be applied again after a late one; or why it cannot be. */
export type Reread = { readonly ok: true; readonly rows: ParsedRows } | { readonly ok: false; readonly reason: string };

/** Rereads are keyed by file and checksum, so a file delivered again meanwhile is not taken for the one applied. */
export const rereadKey = (entry: LedgerEntry): string => `${entry.file.name}@${entry.contentSha256}`;

export interface JudgeOptions extends WriteOptions {
  /** Largest share of its dataset a snapshot may remove and still apply by itself (0..1). */
  readonly maxShrink: number;
  /** An operator applies a held file: the snapshot checks are waived (the ordering rules are not). */
  readonly force?: boolean;
}

export type Judgement =
  | ({ readonly kind: 'VERDICT'; readonly reapplied: number } & Verdict)
  /** This delivery already has its verdict (another applier reached it first), or an operator's file is no longer held. */
  | { readonly kind: 'ALREADY_JUDGED' }
  /** Files later in the apply order must be read again to apply this one; nothing was written. */
  | { readonly kind: 'NEEDS_REREAD'; readonly files: readonly LedgerEntry[] };

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Why a snapshot of `usable` rows must not replace a dataset of `current` rows by itself; undefined when it may. */
function snapshotHoldReason(
  usable: number,
  quarantined: number,
  current: number,
  maxShrink: number,
): string | undefined {
  if (current === 0) return undefined;
  if (usable === 0)
    return `no usable rows (${quarantined} lines quarantined): applying it would empty a dataset of ${current} rows`;
  const shrink = (current - usable) / current;
  if (shrink <= maxShrink) return undefined;
  return `would shrink the dataset by ${percent(shrink)}, from ${current} to ${usable} rows (at most ${percent(maxShrink)} applies by itself)`;
}

const lateReason = (later: readonly LedgerEntry[]) =>
  `late: dated before ${later[0]!.file.name}, which was already applied`;

async function decide(
  tx: SqlRunner,
  delivery: Delivery,
  rereads: ReadonlyMap<string, Reread>,
  options: JudgeOptions,
): Promise<Judgement> {
  const { file, parsed } = delivery;
  const standing = await readStanding(tx, file);
  const own = standing.own;
  if (own && (own.status === 'APPLIED' || own.status === 'SUPERSEDED')) return { kind: 'ALREADY_JUDGED' };
  const sameBytes = own?.contentSha256 === delivery.contentSha256 && own.marker.sha256 === delivery.marker.sha256;
  if (options.force ? !(own?.status === 'HELD' && sameBytes) : sameBytes) return { kind: 'ALREADY_JUDGED' };

  const verdict = (v: Verdict, reapplied = 0): Judgement => ({ kind: 'VERDICT', reapplied, ...v });
  if (!parsed.ok) return verdict({ status: 'REJECTED', rows: 0, quarantined: 0, reason: parsed.reason });
  if (standing.snapshot && file.date <= standing.snapshot.file.date)
    return verdict({ status: 'SUPERSEDED', rows: 0, quarantined: 0, reason: supersededReason(standing.snapshot.file) });

  const usable = parsed.upserts.length + parsed.removals.length;
  const quarantined = parsed.quarantined.length;
  let currentRows: number | undefined;
  if (file.kind === 'FULL') {
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${file.dataset.table}`);
    currentRows = count?.n ?? 0;
    const hold = options.force ? undefined : snapshotHoldReason(usable, quarantined, currentRows, options.maxShrink);
    if (hold !== undefined) return verdict({ status: 'HELD', rows: usable, quarantined, currentRows, reason: hold });
  }
  const toReread = standing.later.filter((e) => !rereads.has(rereadKey(e)));
  if (toReread.length > 0) return { kind: 'NEEDS_REREAD', files: toReread };
  const later = standing.later.map((e) => ({ entry: e, reread: rereads.get(rereadKey(e))! }));
  const unreadable = later.find((l) => !l.reread.ok);
  if (unreadable && !unreadable.reread.ok) {
    const why = `${lateReason(standing.later)}; the files after it cannot be applied again because ${unreadable.entry.file.name} ${unreadable.reread.reason}`;
    return verdict({ status: 'HELD', rows: usable, quarantined, currentRows, reason: why });
  }

  await writeRows(tx, file, parsed, options);
  for (const { entry, reread } of later) if (reread.ok) await writeRows(tx, entry.file, reread.rows, options);
  if (file.kind === 'FULL') await supersedeHeld(tx, file);
  const reason =
    later.length > 0
      ? `${lateReason(standing.later)}; applied, then the ${later.length} files after it applied again in order`
      : options.force
        ? 'applied by an operator'
        : undefined;
  return verdict({ status: 'APPLIED', rows: usable, quarantined, currentRows, reason }, later.length);
}

/** Judges the delivery and records the verdict, all in `tx`; the caller commits. */
export async function judge(
  tx: SqlRunner,
  delivery: Delivery,
  rereads: ReadonlyMap<string, Reread>,
  options: JudgeOptions,
): Promise<Judgement> {
  await tx.query(INGEST_LOCK);
  const judgement = await decide(tx, delivery, rereads, options);
  if (judgement.kind !== 'VERDICT') return judgement;
  const { file, parsed } = delivery;
  // A verdict on an earlier delivery of this name goes with its quarantined lines.
  await tx.query('DELETE FROM quarantine WHERE file = $1', [file.name]);
  if (judgement.status === 'REJECTED')
    await quarantine(tx, file.name, [{ line: 0, reason: judgement.reason ?? 'refused', raw: '' }], 1);
  if (judgement.status === 'APPLIED' && parsed.ok)
    await quarantine(tx, file.name, parsed.quarantined, options.chunkRows);
  await recordVerdict(tx, file, delivery.marker, delivery.contentSha256, judgement);
  return judgement;
}
