/**
 * The supervision subgraph's cross-system index: a snapshot of the four systems (sources.ts) joined
 * and judged once (snapshot.ts), refreshed behind the answers when older than maxAgeMs, with each
 * question's full ordered answer kept per snapshot so paging through it costs no recomputation.
 */
import { type Clock, addDays, shanghaiDate } from '../../runtime/clock.ts';
import type { Logger } from '../../runtime/logger.ts';
import { Refreshing } from '../common/refreshing.ts';
import { SnapshotMemo } from '../common/snapshot-memo.ts';
import { type Snapshot, buildSnapshot } from './snapshot.ts';
import { type SupervisionPorts, readSources } from './sources.ts';

export interface SupervisionIndexOptions {
  readonly ports: SupervisionPorts;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Days of maintenance work read back from today (today included as well). */
  readonly windowDays: number;
  readonly maxAgeMs: number;
  readonly now?: () => number;
}

export class SupervisionIndex {
  private readonly snapshots: Refreshing<Snapshot>;
  private readonly memo = new SnapshotMemo();
  private readonly now: () => number;

  constructor(private readonly options: SupervisionIndexOptions) {
    if (!Number.isInteger(options.windowDays) || options.windowDays < 1)
      throw new Error(`SupervisionIndex: windowDays must be a whole number >= 1, got ${options.windowDays}`);
    this.now = options.now ?? Date.now;
    this.snapshots = new Refreshing({
      build: () => this.build(),
      builtAt: (s) => s.refreshedAt,
      maxAgeMs: options.maxAgeMs,
      logger: options.logger,
      now: this.now,
      source: 'supervision',
    });
  }

  /** The current snapshot; the first call waits for the first build. */
  current(): Promise<Snapshot> {
    return this.snapshots.current();
  }

  /** Builds a new snapshot now (at start-up, so no first request waits). */
  refresh(): Promise<Snapshot> {
    return this.snapshots.refresh();
  }

  /** The answer of `compute` for this snapshot and key, computed once. */
  remember<T>(snapshot: Snapshot, key: string, compute: () => T): T {
    return this.memo.get(snapshot, key, compute);
  }

  private async build(): Promise<Snapshot> {
    const started = this.now();
    const today = shanghaiDate(this.options.clock.now());
    const window = { from: addDays(today, -this.options.windowDays), to: today };
    const data = await readSources(this.options.ports, window, this.options.logger);
    const snapshot = await buildSnapshot(data, window, today, () => new Date(this.now()));
    this.options.logger.info({ ...snapshot.sizes, window, ms: this.now() - started }, 'supervision index refreshed');
    return snapshot;
  }
}
