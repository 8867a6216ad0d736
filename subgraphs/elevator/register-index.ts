/**
 * A refreshed index of every elevator on the platform with its last maintenance date and overdue
 * judgement, grouped per maintenance company and user unit: what district statistics, enterprise
 * elevator lists and the "overdue" search are answered from, so no query pages through the whole
 * platform (alarms are followed apart, by the feed: alarm-window.ts). Refreshing reads the platform's
 * pages (100 per call, a few at a time) and last maintenance in batches of 100. A snapshot older than maxAgeMs is still
 * served while a new
 * one is built in the background (stale-while-revalidate); every answer states its refresh time. The
 * passes over every elevator (judging, counting, sorting, grouping: 304,634 at city scale) run in slices,
 * so the subgraph keeps answering while it rebuilds.
 */
import type { Logger } from '../../runtime/logger.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { startProgress } from '../../runtime/progress.ts';
import { Slicer, forEachSliced, mapSliced, sortSliced } from '../../runtime/slices.ts';
import { LEGACY_PAGE } from '../common/read-all.ts';
import { type PlatformElevators, platformElevators } from '../common/platform-elevators.ts';
import { IndexFile, type KeepIndex, keptIndexPath } from '../common/index-file.ts';
import { Refreshing } from '../common/refreshing.ts';
import type { EligibilityFacts } from './eligibility.ts';
import { type MaintenanceRules, isMaintenanceOverdue, isOnDemandCandidate, isOnDemandEligible } from './rules.ts';
import type { IndexedElevator } from './indexed-elevator.ts';
import { derivedFromRows, keptElevatorIndex, shareRepeatedValues } from './index-rows.ts';

import type { IndexSnapshot } from './index-snapshot.ts';

export type { IndexSnapshot };

export interface ElevatorIndexOptions {
  readonly port: ElevatorPort;
  /** Credit class and inspection facts of on-demand candidates, from the other systems. */
  readonly eligibility: EligibilityFacts;
  readonly clock: Clock;
  readonly rules: MaintenanceRules;
  readonly logger: Logger;
  /** Serve a snapshot this old, refreshing behind it. */
  readonly maxAgeMs: number;
  readonly now?: () => number;
  /** Told each new snapshot once built (the live view's figures events). */
  readonly onBuilt?: (snapshot: IndexSnapshot) => void;
  /** The platform's elevators, read once for every index of the process; default a read of this index's own. */
  readonly platformElevators?: PlatformElevators;
  /** Keep each build in the data folder, so the next start serves it at once (index-file.ts). */
  readonly keep?: KeepIndex;
}

/** Version of what a kept elevator index holds: bump it whenever IndexSnapshot's shape changes. */
const ELEVATOR_INDEX_FORMAT = 2;

export class ElevatorIndex {
  private readonly snapshots: Refreshing<IndexSnapshot>;
  readonly maxAgeMs: number;
  private readonly now: () => number;
  /** Its read of the platform's elevators, for another index of the process to share (the supervision index). */
  readonly platformElevators: PlatformElevators;

  constructor(private readonly options: ElevatorIndexOptions) {
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? Date.now;
    this.platformElevators = options.platformElevators ?? platformElevators(options.port, options.logger);
    this.snapshots = new Refreshing({
      build: async () => {
        const built = await this.build();
        options.onBuilt?.(built);
        return built;
      },
      builtAt: (s) => s.refreshedAt,
      maxAgeMs: this.maxAgeMs,
      logger: options.logger,
      now: this.now,
      source: 'elevator',
      file: options.keep && {
        store: new IndexFile({
          path: keptIndexPath(options.keep, 'elevator'),
          format: ELEVATOR_INDEX_FORMAT,
          // Judged with other rules, it would judge "overdue" otherwise.
          source: `${options.keep.source} rules ${JSON.stringify(options.rules)}`,
          logger: options.logger,
          form: keptElevatorIndex,
        }),
        servable: (s) => s.today === shanghaiDate(options.clock.now()),
      },
    });
  }

  /** Ready to serve: the index kept by the last start (refreshed behind it when old), or a first build. */
  warmUp(): Promise<void> {
    return this.snapshots.warmUp();
  }

  /** The current snapshot; the first call waits for the first build, a stale one is served while the next builds. */
  current(): Promise<IndexSnapshot> {
    return this.snapshots.current();
  }

  /** Builds a new snapshot; concurrent callers share one build. */
  refresh(): Promise<IndexSnapshot> {
    return this.snapshots.refresh();
  }

  private async build(): Promise<IndexSnapshot> {
    const started = this.now();
    const { port, clock } = this.options;
    const read = await this.platformElevators.take('elevator index');
    const profiles = read.items;
    let skipped = read.skipped;
    const lastVisit = new Map<string, string | null>();
    const lastRead = startProgress({
      what: 'elevator index: last maintenance',
      total: profiles.length,
      unit: 'elevators',
      logger: this.options.logger,
    });
    for (let i = 0; i < profiles.length; i += LEGACY_PAGE) {
      const chunk = profiles.slice(i, i + LEGACY_PAGE);
      const last = await port.lastMaintenanceByCode(chunk.map((p) => p.registrationCode)).catch((error: unknown) => {
        lastRead.failed();
        throw error;
      });
      chunk.forEach((profile, j) => {
        const record = last[j];
        if (record instanceof Error) skipped++;
        lastVisit.set(profile.registrationCode, record instanceof Error || !record ? null : record.date);
      });
      lastRead.advance(chunk.length);
    }
    lastRead.done();
    const today = shanghaiDate(clock.now());
    const slicer = new Slicer();
    const eligible = await this.eligibleCandidates(profiles, today, slicer);
    const built = await mapSliced(
      profiles,
      (profile): IndexedElevator => {
        const lastMaintenanceOn = lastVisit.get(profile.registrationCode) ?? null;
        const onDemandEligible = eligible.has(profile.registrationCode);
        return {
          profile,
          lastMaintenanceOn,
          onDemandEligible,
          overdue: isMaintenanceOverdue(profile, lastMaintenanceOn, today, this.options.rules, onDemandEligible),
        };
      },
      slicer,
    );
    // So a build holds what a restore of it would (each repeated string once), not the parsed pages' copies.
    const elevators = await shareRepeatedValues(built, slicer);
    this.options.logger.info(
      { elevators: elevators.length, skipped, ms: this.now() - started },
      'elevator index refreshed',
    );
    // Enterprise lists are in registration-code order: sorted once, grouped twice.
    const inCodeOrder = await sortSliced(
      elevators,
      (a, b) => a.profile.registrationCode.localeCompare(b.profile.registrationCode),
      slicer,
    );
    const maintainedBy = await groupBy(inCodeOrder, (e) => e.profile.maintainerUscc, slicer);
    const usedBy = await groupBy(inCodeOrder, (e) => e.profile.userUscc, slicer);
    const { byCode, codeOfQrId, aggregates } = await derivedFromRows(elevators, today, slicer);
    return {
      refreshedAt: new Date(this.now()),
      today,
      elevators,
      maintainedBy,
      usedBy,
      byCode,
      codeOfQrId,
      skippedRecords: skipped,
      aggregates,
    };
  }

  /**
   * Codes of the candidates eligible today: one credit call for their companies, inspection calls per thousand
   * elevators.
   */
  private async eligibleCandidates(
    profiles: readonly ElevatorProfile[],
    today: string,
    slicer: Slicer,
  ): Promise<Set<string>> {
    const candidates: ElevatorProfile[] = [];
    await forEachSliced(profiles, (p) => isOnDemandCandidate(p) && candidates.push(p), slicer);
    const companies = [...new Set(candidates.map((p) => p.maintainerUscc))];
    const [classes, inspections] = await Promise.all([
      this.options.eligibility.riskClasses(companies),
      this.options.eligibility.latestInspections(candidates.map((p) => p.registrationCode)),
    ]);
    const classOf = new Map(companies.map((uscc, i) => [uscc, classes[i]!]));
    const failed = [...classes, ...inspections].filter((f) => f instanceof Error).length;
    if (failed > 0)
      this.options.logger.warn(
        { failed },
        'eligibility facts unreadable for some on-demand elevators: judged on the fixed interval',
      );
    return new Set(
      candidates
        .filter((p, i) => isOnDemandEligible(p, classOf.get(p.maintainerUscc)!, inspections[i]!, today))
        .map((p) => p.registrationCode),
    );
  }
}

async function groupBy(
  elevators: readonly IndexedElevator[],
  key: (e: IndexedElevator) => string,
  slicer: Slicer,
): Promise<Map<string, IndexedElevator[]>> {
  const groups = new Map<string, IndexedElevator[]>();
  await forEachSliced(
    elevators,
    (e) => {
      const list = groups.get(key(e));
      if (list) list.push(e);
      else groups.set(key(e), [e]);
    },
    slicer,
  );
  return groups;
}
