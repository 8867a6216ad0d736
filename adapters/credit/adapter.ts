/**
 * CreditPort over the ingested store, plus the ingestion lifecycle: start() polls the drop
 * directory, ingest() runs one pass now, close() stops and closes the store. Every store query and
 * file read goes through LegacyCalls (adapters/core), named by operation.
 */
import type { LegacyCalls } from '../core/calls.ts';
import type { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import { DATASETS } from './datasets.ts';
import type { IngestReport, Ingestor } from './ingestor.ts';
import type { Judgement } from './judge.ts';
import { type FileStatus, heldCounts } from './ledger.ts';
import { tallyRiskClasses, toCreditProfile, toEnterprise, toHeldFile } from './mapper.ts';
import { Poller } from '../../runtime/poller.ts';
import type { CreditPort } from './port.ts';
import {
  CREDIT_PROFILES,
  type Condition,
  ENTERPRISES_BY_USCC,
  FRESHNESS,
  HELD_FILES,
  LEDGER,
  RISK_CLASS_COUNTS,
  enterprisePage,
} from './queries.ts';
import type { SqlStore } from './store.ts';
import type {
  CreditDataset,
  CreditFreshness,
  CreditList,
  CreditProfile,
  Enterprise,
  EnterpriseFilter,
  HeldFile,
  PageRequest,
  RiskClassCounts,
  Slice,
} from './types.ts';

export interface QuarantineEntry {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** One file's verdict in the ledger, for operators. */
export interface FileVerdict {
  readonly file: string;
  readonly status: FileStatus;
  readonly rows: number;
  readonly quarantined: number;
  readonly currentRows: number | null;
  readonly reason: string | null;
  readonly at: Date;
}

export interface CreditAdapterParts {
  readonly store: SqlStore;
  /** The store queries requests make. */
  readonly queries: LegacyCalls;
  /** Reads no request pays for (after a pass, the held-files count). */
  readonly background: LegacyCalls;
  readonly ingestor: Ingestor;
  readonly pollMs: number;
  readonly logger: Logger;
  /** Told the number of held files per dataset (every dataset, zeros included) after each pass or operator action. */
  readonly onHeldFiles?: (held: ReadonlyMap<CreditDataset, number>) => void;
}

export class CreditAdapter implements CreditPort {
  /** Passes run one after another, whether started by the poller or by ingest(). */
  private passes: Promise<unknown> = Promise.resolve();
  private readonly poller: Poller;

  constructor(private readonly parts: CreditAdapterParts) {
    this.poller = new Poller(() => this.ingest(), parts.pollMs, parts.logger, 'credit ingestion pass');
  }

  /** Runs one ingestion pass now (after any pass in flight). */
  ingest(): Promise<IngestReport> {
    return this.queued(() => this.parts.ingestor.ingestPending());
  }

  /** An operator applies a held file (OperatorRefusal when it is not held or has changed since). */
  applyHeld(file: string): Promise<Judgement> {
    return this.queued(() => this.parts.ingestor.applyHeld(file));
  }

  /** An operator refuses a held file: recorded as refused, it no longer waits. */
  rejectHeld(file: string): Promise<void> {
    return this.queued(() => this.parts.ingestor.rejectHeld(file));
  }

  /** Every file's verdict, in date order. */
  verdicts(): Promise<FileVerdict[]> {
    return this.parts.queries.run('ledger', async () =>
      (
        await this.parts.store.query<{
          name: string;
          status: FileStatus;
          rows: number;
          quarantined: number;
          current_rows: number | null;
          reason: string | null;
          at: Date;
        }>(LEDGER)
      ).map((r) => ({
        file: r.name,
        status: r.status,
        rows: r.rows,
        quarantined: r.quarantined,
        currentRows: r.current_rows,
        reason: r.reason,
        at: r.at,
      })),
    );
  }

  /** Work on the store's files runs one at a time, in this process, and then the held-files figure is told. */
  private queued<T>(work: () => Promise<T>): Promise<T> {
    const run = this.passes.then(async () => {
      try {
        return await work();
      } finally {
        await this.reportHeld();
      }
    });
    this.passes = run.catch(() => undefined);
    return run;
  }

  private async reportHeld(): Promise<void> {
    const report = this.parts.onHeldFiles;
    if (!report) return;
    try {
      const counts = await this.parts.background.run('heldFiles', () => heldCounts(this.parts.store));
      report(new Map(DATASETS.map((d) => [d.domain, counts.get(d.code) ?? 0])));
    } catch (error) {
      this.parts.logger.warn({ err: error }, 'could not count held credit files for the metric');
    }
  }

  /** Polls the drop directory: a pass at once, then every pollMs. */
  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.passes;
    await this.parts.store.close();
  }

  async enterprisesByUscc(usccs: readonly string[]): Promise<(Enterprise | null | Error)[]> {
    const rows = await this.parts.queries.run(
      'enterprisesByUscc',
      (signal) => this.parts.store.query<{ uscc: string }>(ENTERPRISES_BY_USCC, [[...new Set(usccs)]], signal),
      { keys: usccs.length },
    );
    const found = new Map(rows.map((r) => [r.uscc, this.reported(toEnterprise(r))]));
    return usccs.map((u) => found.get(u) ?? null);
  }

  async creditProfiles(usccs: readonly string[]): Promise<(CreditProfile | Error)[]> {
    const rows = await this.parts.queries.run(
      'creditProfiles',
      (signal) => this.parts.store.query<{ uscc: string }>(CREDIT_PROFILES, [[...new Set(usccs)]], signal),
      { keys: usccs.length },
    );
    const found = new Map(rows.map((r) => [r.uscc, this.reported(toCreditProfile(r))]));
    return usccs.map((u) => found.get(u) ?? new Error(`credit profile for ${u} missing from the store's answer`));
  }

  searchEnterprises(filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>> {
    return this.page('searchEnterprises', filter, { kind: 'all' }, page);
  }

  enterprisesMissingAnnualReport(
    year: number,
    filter: EnterpriseFilter,
    page: PageRequest,
  ): Promise<Slice<Enterprise>> {
    return this.page('enterprisesMissingAnnualReport', filter, { kind: 'missingAnnualReport', year }, page);
  }

  enterprisesOnList(list: CreditList, filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>> {
    return this.page('enterprisesOnList', filter, { kind: 'onList', list }, page);
  }

  async riskClassCountsByDistrict(): Promise<Map<string, RiskClassCounts>> {
    const rows = await this.parts.queries.run('riskClassCountsByDistrict', (signal) =>
      this.parts.store.query<{ recorded_district: string; risk_class: string; n: number }>(
        RISK_CLASS_COUNTS,
        [],
        signal,
      ),
    );
    return tallyRiskClasses(
      rows.map((r) => ({ recordedDistrict: r.recorded_district, riskClass: r.risk_class, n: r.n })),
    );
  }

  async freshness(): Promise<CreditFreshness> {
    const [[row], held] = await this.parts.queries.run('freshness', () =>
      Promise.all([
        this.parts.store.query<{
          newest_file_date: string | null;
          applied_files: number;
          rejected_files: number;
          superseded_files: number;
          quarantined_rows: number;
        }>(FRESHNESS),
        this.parts.store.query(HELD_FILES),
      ]),
    );
    return {
      newestFileDate: row?.newest_file_date ?? null,
      appliedFiles: row?.applied_files ?? 0,
      rejectedFiles: row?.rejected_files ?? 0,
      supersededFiles: row?.superseded_files ?? 0,
      quarantinedRows: row?.quarantined_rows ?? 0,
      heldFiles: held.map((r) => this.reported(toHeldFile(r))).filter((h): h is HeldFile => !(h instanceof Error)),
    };
  }

  /** The quarantine, for operators: every refused line (line 0: a whole file), in file and line order. */
  quarantined(): Promise<QuarantineEntry[]> {
    return this.parts.queries.run('quarantine', () =>
      this.parts.store.query<QuarantineEntry>('SELECT file, line, reason FROM quarantine ORDER BY file, line'),
    );
  }

  private async page(
    operation: string,
    filter: EnterpriseFilter,
    condition: Condition,
    page: PageRequest,
  ): Promise<Slice<Enterprise>> {
    const { sql, count, params } = enterprisePage(filter, condition, page);
    return this.parts.queries.run(operation, async (signal) => {
      const rows = await this.parts.store.query<{ total: number }>(sql, params, signal);
      const items = rows
        .map((r) => toEnterprise(r))
        .map((e) => this.reported(e))
        .filter((e): e is Enterprise => !(e instanceof Error));
      if (rows[0]) return { items, total: rows[0].total };
      const [counted] =
        page.offset > 0 ? await this.parts.store.query<{ total: number }>(count, params.slice(0, -2)) : [];
      return { items, total: counted?.total ?? 0 };
    });
  }

  private reported<T>(value: T | LegacyError): T | LegacyError {
    if (value instanceof Error) this.parts.logger.warn({ err: value, key: value.extensions.key }, value.message);
    return value;
  }
}
