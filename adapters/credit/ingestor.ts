/**
 * One ingestion pass over the drop directory: every file with a valid done-marker that has no verdict
 * for its current delivery yet, in apply order, each judged (judge.ts) in its own transaction. A file
 * still without its marker holds back the later files of its dataset (they must not overtake it); other
 * datasets go on. A refused or held file is judged again only once it is delivered with other bytes.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LegacyCalls } from '../core/calls.ts';
import type { Logger } from '../../runtime/logger.ts';
import {
  type DropFileName,
  type Marker,
  applyOrder,
  markerName,
  parseDropFileName,
  parseMarker,
} from './drop-names.ts';
import { type Delivery, type JudgeOptions, type Judgement, type Reread, judge, rereadKey } from './judge.ts';
import { type LedgerEntry, readLedger, sameDelivery } from './ledger.ts';
import { parseDropFile } from './parse-file.ts';
import type { SqlStore } from './store.ts';

export interface IngestReport {
  readonly applied: string[];
  readonly rejected: string[];
  /** Held for an operator (a snapshot that would empty or shrink its dataset too far, a late file that cannot be ordered). */
  readonly held: string[];
  /** Already covered by an applied snapshot of their dataset: recorded, not applied. */
  readonly superseded: string[];
  /** Files present without a (complete) done-marker: left for a later pass. */
  readonly waiting: string[];
}

export interface IngestorDeps {
  readonly dropDir: string;
  readonly store: SqlStore;
  /** Directory and file reads, and the short ledger read. */
  readonly reads: LegacyCalls;
  /** The per-file transactions, with a timeout sized for a city-scale snapshot. */
  readonly writes: LegacyCalls;
  readonly logger: Logger;
  readonly judge: Omit<JudgeOptions, 'force'>;
}

/** An operator's request that cannot be carried out as asked (the message says why). */
export class OperatorRefusal extends Error {
  override readonly name = 'OperatorRefusal';
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** A marked file that does not match its marker was damaged after the platform wrote it: refused whole. */
async function delivery(file: DropFileName, marker: Marker, body: Buffer): Promise<Delivery> {
  const contentSha256 = sha256(body);
  const damaged =
    body.length !== marker.size
      ? `size ${body.length} bytes does not match the done-marker's ${marker.size}`
      : contentSha256 !== marker.sha256
        ? `SHA-256 ${contentSha256} does not match the done-marker's ${marker.sha256}`
        : undefined;
  return {
    file,
    marker,
    contentSha256,
    parsed: damaged === undefined ? await parseDropFile(file.dataset, file.kind, body) : { ok: false, reason: damaged },
  };
}

export class Ingestor {
  constructor(private readonly deps: IngestorDeps) {}

  async ingestPending(): Promise<IngestReport> {
    const { reads, store } = this.deps;
    const names = await reads.run('listDropDir', () => this.listDir());
    const ledger = await reads.run('readLedger', () => readLedger(store));
    const pending = names
      .map(parseDropFileName)
      .filter((f): f is DropFileName => f !== undefined)
      .filter((f) => ledger.get(f.name)?.status !== 'APPLIED' && ledger.get(f.name)?.status !== 'SUPERSEDED')
      .sort(applyOrder);

    const report: IngestReport = { applied: [], rejected: [], held: [], superseded: [], waiting: [] };
    const heldBack = new Set<string>();
    for (const file of pending) {
      if (heldBack.has(file.dataset.code)) continue;
      const marker = await reads.run('readDropMarker', () => this.readMarker(file.name));
      if (!marker) {
        heldBack.add(file.dataset.code);
        report.waiting.push(file.name);
        continue;
      }
      const judged = ledger.get(file.name);
      if (judged && (await sameDelivery(judged, marker, async () => sha256(await this.readBody(file.name))))) continue;
      if (judged)
        this.deps.logger.info(
          { file: file.name, was: judged.status },
          'credit drop file delivered again with other bytes: judging it again',
        );
      const body = await reads.run('readDropFile', () => this.readBody(file.name));
      const judgement = await this.judgeDelivery(await delivery(file, marker, body), false);
      if (judgement.kind !== 'VERDICT') continue;
      const lists = {
        APPLIED: report.applied,
        REJECTED: report.rejected,
        HELD: report.held,
        SUPERSEDED: report.superseded,
      };
      lists[judgement.status].push(file.name);
    }
    return report;
  }

  /** An operator applies a held file (the delivery that was held: the same bytes), waiving the snapshot checks. */
  async applyHeld(name: string): Promise<Judgement> {
    const file = parseDropFileName(name);
    if (!file)
      throw new OperatorRefusal(`${name} is not a credit drop file name (<DATASET>_<FULL|INC>_<YYYYMMDD>.csv)`);
    const entry = await this.heldEntry(name);
    const marker = await this.readMarker(name);
    const body = await this.readBody(name).catch(() => undefined);
    if (!marker || !body || sha256(body) !== entry.contentSha256)
      throw new OperatorRefusal(
        `${name} has changed in the drop directory since it was held: the next ingestion pass judges the new delivery`,
      );
    return this.judgeDelivery(await delivery(file, marker, body), true);
  }

  /** An operator refuses a held file: it is recorded as refused and no longer waits (a new delivery is judged again). */
  async rejectHeld(name: string): Promise<void> {
    await this.heldEntry(name);
    const done = await this.deps.writes.run('rejectHeldFile', () =>
      this.deps.store.transaction(async (tx) => {
        const rows = await tx.query<{ reason: string }>(
          `UPDATE applied_file SET status = 'REJECTED', reason = 'refused by an operator; it was held: ' || coalesce(reason, ''),
             applied_at = now() WHERE name = $1 AND status = 'HELD' RETURNING reason`,
          [name],
        );
        if (rows[0])
          await tx.query("INSERT INTO quarantine (file, line, reason, raw) VALUES ($1, 0, $2, '')", [
            name,
            rows[0].reason,
          ]);
        return rows.length > 0;
      }),
    );
    if (!done) throw new OperatorRefusal(`${name} is no longer held`);
    this.deps.logger.warn({ file: name }, 'held credit drop file refused by an operator');
  }

  private async heldEntry(name: string): Promise<LedgerEntry> {
    const entry = (await readLedger(this.deps.store)).get(name);
    if (!entry) throw new OperatorRefusal(`${name} has no verdict yet: the ingestion pass judges it first`);
    if (entry.status !== 'HELD') throw new OperatorRefusal(`${name} is ${entry.status}, not held`);
    return entry;
  }

  /** One transaction; when files after it in the apply order must be applied again, they are read and it is retried. */
  private async judgeDelivery(d: Delivery, force: boolean): Promise<Judgement> {
    const options: JudgeOptions = { ...this.deps.judge, force };
    const run = (rereads: ReadonlyMap<string, Reread>) =>
      this.deps.writes.run('applyDropFile', () => this.deps.store.transaction((tx) => judge(tx, d, rereads, options)), {
        keys: d.parsed.ok ? d.parsed.upserts.length + d.parsed.removals.length : 0,
      });
    let judgement = await run(new Map());
    if (judgement.kind === 'NEEDS_REREAD') judgement = await run(await this.reread(judgement.files));
    this.log(d.file.name, judgement);
    return judgement;
  }

  private async reread(entries: readonly LedgerEntry[]): Promise<Map<string, Reread>> {
    const out = new Map<string, Reread>();
    for (const entry of entries) {
      const body = await this.deps.reads
        .run('readDropFile', () => this.readBody(entry.file.name))
        .catch(() => undefined);
      const parsed =
        body &&
        sha256(body) === entry.contentSha256 &&
        (await parseDropFile(entry.file.dataset, entry.file.kind, body));
      out.set(
        rereadKey(entry),
        !body
          ? { ok: false, reason: 'is no longer in the drop directory' }
          : !parsed
            ? { ok: false, reason: 'has changed since it was applied' }
            : parsed.ok
              ? { ok: true, rows: parsed }
              : { ok: false, reason: `no longer parses (${parsed.reason})` },
      );
    }
    return out;
  }

  private log(file: string, judgement: Judgement): void {
    const { logger } = this.deps;
    if (judgement.kind === 'NEEDS_REREAD') {
      logger.info({ file }, 'credit drop file left for the next pass: other files were applied while it was read');
      return;
    }
    if (judgement.kind !== 'VERDICT') return;
    const log = {
      file,
      status: judgement.status,
      rows: judgement.rows,
      quarantined: judgement.quarantined,
      currentRows: judgement.currentRows,
      reapplied: judgement.reapplied,
      reason: judgement.reason,
    };
    if (judgement.status === 'REJECTED')
      logger.error(log, 'credit drop file refused whole; the last good data keeps serving');
    else if (judgement.status === 'HELD')
      logger.warn(log, `credit drop file held, not applied: an operator applies it (npm run credit -- apply ${file})`);
    else if (judgement.status === 'APPLIED' && (judgement.quarantined > 0 || judgement.reapplied > 0))
      logger.warn(log, 'credit drop file applied with quarantined rows or out of order');
    else logger.info(log, 'credit drop file processed');
  }

  private async listDir(): Promise<string[]> {
    try {
      return await readdir(this.deps.dropDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** A missing or unparseable marker: the file is still being delivered. */
  private async readMarker(name: string): Promise<Marker | undefined> {
    const text = await readFile(join(this.deps.dropDir, markerName(name)), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    return text === undefined ? undefined : parseMarker(text);
  }

  private readBody(name: string): Promise<Buffer> {
    return readFile(join(this.deps.dropDir, name));
  }
}
