/**
 * Maintenance risk ranking (超期维保): the maintenance companies of the city or of some districts (the
 * one asked, or a district caller's) ranked by the share of their elevators in use whose maintenance is
 * overdue, then by the overdue count, then by USCC. Computed from one index snapshot, once per snapshot
 * and set of districts.
 */
import type { IndexSnapshot } from './register-index.ts';
import { SnapshotMemo } from '../common/snapshot-memo.ts';
import { countByMaintainer } from './statistics.ts';
import { districtsKey } from '../common/districts.ts';

export interface CompanyRank {
  readonly rank: number;
  readonly uscc: string;
  readonly elevatorsMaintained: number;
  readonly overdue: number;
  readonly overdueRatio: number;
}

type Counted = { readonly uscc: string; readonly maintained: number; readonly overdue: number };

/** Ratio first, compared exactly (cross-multiplied) so equal ratios tie and fall to the next key. */
function byRisk(a: Counted, b: Counted): number {
  return b.overdue * a.maintained - a.overdue * b.maintained || b.overdue - a.overdue || a.uscc.localeCompare(b.uscc);
}

function rank(snapshot: IndexSnapshot, districts: readonly string[] | undefined): CompanyRank[] {
  // The city's counts are the index's own; districts' are counted over their elevators the same way.
  const counts =
    districts === undefined
      ? snapshot.aggregates.byMaintainer
      : countByMaintainer(
          snapshot.elevators.filter((e) => e.profile.district !== null && districts.includes(e.profile.district)),
        );
  return [...counts]
    .map(([uscc, c]): Counted => ({ uscc, ...c }))
    .sort(byRisk)
    .map((c, i) => ({
      rank: i + 1,
      uscc: c.uscc,
      elevatorsMaintained: c.maintained,
      overdue: c.overdue,
      overdueRatio: c.overdue / c.maintained,
    }));
}

const rankings = new SnapshotMemo();

/**
 * The ranking of the city (undefined) or of some districts, from this snapshot, computed once per snapshot and
 * set of districts: callers covering other districts never share an entry.
 */
export function maintenanceRanking(
  snapshot: IndexSnapshot,
  districts: readonly string[] | undefined,
): readonly CompanyRank[] {
  return rankings.get(snapshot, districtsKey(districts), () => rank(snapshot, districts));
}
