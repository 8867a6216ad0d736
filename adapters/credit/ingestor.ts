/**
 * One ingestion pass over the drop directory: every file with a valid done-marker that the ledger
 * does not hold yet, in apply order, each in its own transaction. A file still without its marker
 * holds back the later files of its dataset (they must not overtake it); other datasets go on.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LegacyCalls } from '../core/calls.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type ApplyOptions, applyDropFile } from './apply.ts';
import {
  type DropFileName,
  type Marker,
  applyOrder,
  markerName,
  parseDropFileName,
  parseMarker,
} from './drop-names.ts';
import { type ParsedFile, parseDropFile } from './parse-file.ts';
import type { SqlStore } from './store.ts';

export interface IngestReport {
  readonly applied: string[];
  readonly rejected: string[];
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
  readonly apply: ApplyOptions;
}

type ReadResult = { ready: false } | { ready: true; marker: Marker; body: Buffer };

export class Ingestor {
  constructor(private readonly deps: IngestorDeps) {}

  async ingestPending(): Promise<IngestReport> {
    const { reads, store } = this.deps;
    const names = await reads.run('listDropDir', () => this.listDir());
    const ledger = await reads.run('readLedger', () => store.query<{ name: string }>('SELECT name FROM applied_file'));
    const done = new Set(ledger.map((r) => r.name));
    const pending = names
      .map(parseDropFileName)
      .filter((f): f is DropFileName => f !== undefined && !done.has(f.name))
      .sort(applyOrder);

    const report: IngestReport = { applied: [], rejected: [], waiting: [] };
    const heldBack = new Set<string>();
    for (const file of pending) {
      if (heldBack.has(file.dataset.code)) continue;
      const read = await reads.run('readDropFile', () => this.read(file.name));
      if (!read.ready) {
        heldBack.add(file.dataset.code);
        report.waiting.push(file.name);
        continue;
      }
      const outcome = await this.applyOne(file, read.marker, read.body);
      if (outcome === 'APPLIED') report.applied.push(file.name);
      else if (outcome === 'REJECTED') report.rejected.push(file.name);
    }
    return report;
  }

  private async applyOne(file: DropFileName, marker: Marker, body: Buffer): Promise<string> {
    const parsed: ParsedFile = verify(marker, body) ?? (await parseDropFile(file.dataset, file.kind, body));
    const outcome = await this.deps.writes.run(
      'applyDropFile',
      () => this.deps.store.transaction((tx) => applyDropFile(tx, file, marker, parsed, this.deps.apply)),
      {
        keys: parsed.ok ? parsed.upserts.length + parsed.removals.length : 0,
      },
    );
    const log = { file: file.name, ...outcome };
    if (outcome.status === 'REJECTED')
      this.deps.logger.error(log, 'credit drop file refused whole; the last good data keeps serving');
    else if (outcome.status === 'APPLIED' && outcome.quarantined > 0)
      this.deps.logger.warn(log, 'credit drop file applied with quarantined rows');
    else this.deps.logger.info(log, 'credit drop file processed');
    return outcome.status;
  }

  private async listDir(): Promise<string[]> {
    try {
      return await readdir(this.deps.dropDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read(name: string): Promise<ReadResult> {
    const markerText = await readFile(join(this.deps.dropDir, markerName(name)), 'utf8').catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      },
    );
    const marker = markerText === undefined ? undefined : parseMarker(markerText);
    if (!marker) return { ready: false };
    return { ready: true, marker, body: await readFile(join(this.deps.dropDir, name)) };
  }
}

/** A marked file that does not match its marker was damaged after the platform wrote it: refused whole. */
function verify(marker: Marker, body: Buffer): ParsedFile | undefined {
  if (body.length !== marker.size)
    return { ok: false, reason: `size ${body.length} bytes does not match the done-marker's ${marker.size}` };
  const sha = createHash('sha256').update(body).digest('hex');
  if (sha !== marker.sha256)
    return { ok: false, reason: `SHA-256 ${sha} does not match the done-marker's ${marker.sha256}` };
  return undefined;
}
