/** One elevator as the index holds it: the platform's profile and what the index judged of it. */
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';

export interface IndexedElevator {
  readonly profile: ElevatorProfile;
  /** YYYY-MM-DD of the newest maintenance record; null when none (or unreadable). */
  readonly lastMaintenanceOn: string | null;
  /** Eligible for on-demand maintenance on the snapshot's day (credit class and inspection included). */
  readonly onDemandEligible: boolean;
  /** Maintenance overdue on the snapshot's day. */
  readonly overdue: boolean;
}

/** Today's district of the elevator of `code`; undefined when the index does not hold it or it has none. */
export const districtOfCode = (byCode: ReadonlyMap<string, IndexedElevator>, code: string): string | undefined =>
  byCode.get(code)?.profile.district ?? undefined;
