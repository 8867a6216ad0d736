/**
 * The supervision subgraph's cross-system index: a snapshot of the four systems (sources.ts) joined
 * and judged once (snapshot.ts), refreshed behind the answers when older than maxAgeMs, with each
 * question's full ordered answer kept per snapshot so paging through it costs no recomputation.
 */
import { type Clock, addDays, shanghaiDate } from '../../runtime/clock.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type PlatformElevators, platformElevators } from '../common/platform-elevators.ts';
import { IndexFile, type KeepIndex, keptIndexPath } from '../common/index-file.ts';
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
  /** The platform's elevators, read once for every index of the process; default a read of this index's own. */
  readonly platformElevators?: PlatformElevators;
  /** Keep each build in the data folder, so the next start serves it at once (index-file.ts). */
  readonly keep?: KeepIndex;
}

/** Version of what a kept supervision index holds: bump it whenever Snapshot's shape changes. */
const SUPERVISION_INDEX_FORMAT = 1;

export class SupervisionIndex {
  private readonly snapshots: Refreshing<Snapshot>;
  private readonly memo = new SnapshotMemo();
  private readonly now: () => number;
  private readonly platformElevators: PlatformElevators;

  constructor(private readonly options: SupervisionIndexOptions) {
    if (!Number.isInteger(options.windowDays) || options.windowDays < 1)
      throw new Error(`SupervisionIndex: windowDays must be a whole number >= 1, got ${options.windowDays}`);
    this.now = options.now ?? Date.now;
    this.platformElevators = options.platformElevators ?? platformElevators(options.ports.elevator, options.logger);
    this.snapshots = new Refreshing({
      build: () => this.build(),
      builtAt: (s) => s.refreshedAt,
      maxAgeMs: options.maxAgeMs,
      logger: options.logger,
      now: this.now,
      source: 'supervision',
      file: options.keep && {
        store: new IndexFile({
          path: keptIndexPath(options.keep, 'supervision'),
          format: SUPERVISION_INDEX_FORMAT,
          source: `${options.keep.source} window ${options.windowDays} days`,
          logger: options.logger,
        }),
        servable: (s) => s.today === shanghaiDate(options.clock.now()),
      },
    });
  }

  /** Ready to serve: the index kept by the last start (refreshed behind it when old), or a first build. */
  warmUp(): Promise<void> {
    return this.snapshots.warmUp();
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
    const data = await readSources(this.options.ports, this.platformElevators, window, this.options.logger);
    const snapshot = await buildSnapshot(data, window, today, () => new Date(this.now()));
    this.options.logger.info({ ...snapshot.sizes, window, ms: this.now() - started }, 'supervision index refreshed');
    return snapshot;
  }
}
