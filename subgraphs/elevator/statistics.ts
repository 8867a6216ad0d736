/**
 * Aggregates computed once per index refresh (never per query): per district, and per maintenance
 * company. Answers carry the snapshot's refresh time, so they say how fresh they are.
 */
import type { Alarm } from '../../adapters/elevator/types.ts';
import type { IndexedElevator } from './register-index.ts';
import { oldCutoff } from './rules.ts';

export interface DistrictElevatorFigures {
  readonly total: number;
  readonly overFifteenYears: number;
  readonly onDemandEnrolled: number;
  readonly overdueMaintenance: number;
  readonly alarmsLast24h: number;
  readonly entrapmentsLast24h: number;
  /** Mean minutes from entrapment to arrival over those with an arrival; null when none. */
  readonly averageRescueArrivalMinutes: number | null;
}

export interface MaintainerFigures {
  readonly maintained: number;
  readonly overdue: number;
}

export interface Aggregates {
  readonly byDistrict: ReadonlyMap<string, DistrictElevatorFigures>;
  readonly byMaintainer: ReadonlyMap<string, MaintainerFigures>;
}

export function computeAggregates(elevators: readonly IndexedElevator[], alarmsLast24h: readonly Alarm[], today: string): Aggregates {
  const districts = new Map<string, { total: number; old: number; onDemand: number; overdue: number; alarms: number; entrapments: number; arrivalMinutes: number[] }>();
  const maintainers = new Map<string, { maintained: number; overdue: number }>();
  const districtOf = new Map<string, string>();
  const old = oldCutoff(today);
  // Figures count elevators in use, as the city's statistics do; alarms of any elevator still count.
  for (const e of elevators) {
    if (e.profile.district !== null) districtOf.set(e.profile.registrationCode, e.profile.district);
    if (e.profile.status !== 'IN_USE') continue;
    const overdue = e.overdue;
    const m = maintainers.get(e.profile.maintainerUscc) ?? { maintained: 0, overdue: 0 };
    m.maintained++;
    if (overdue) m.overdue++;
    maintainers.set(e.profile.maintainerUscc, m);
    if (e.profile.district === null) continue;
    const d = districts.get(e.profile.district) ?? { total: 0, old: 0, onDemand: 0, overdue: 0, alarms: 0, entrapments: 0, arrivalMinutes: [] };
    d.total++;
    if (e.profile.installedOn < old) d.old++;
    if (e.profile.onDemand) d.onDemand++;
    if (overdue) d.overdue++;
    districts.set(e.profile.district, d);
  }
  for (const a of alarmsLast24h) {
    const d = districts.get(districtOf.get(a.registrationCode) ?? '');
    if (!d) continue;
    d.alarms++;
    if (a.kind !== 'ENTRAPMENT') continue;
    d.entrapments++;
    if (a.arrivedAt !== null) d.arrivalMinutes.push((a.arrivedAt.getTime() - a.raisedAt.getTime()) / 60_000);
  }
  return {
    byDistrict: new Map(
      [...districts].map(([code, d]) => [
        code,
        {
          total: d.total, overFifteenYears: d.old, onDemandEnrolled: d.onDemand, overdueMaintenance: d.overdue, alarmsLast24h: d.alarms, entrapmentsLast24h: d.entrapments,
          averageRescueArrivalMinutes: d.arrivalMinutes.length === 0 ? null : Math.round((d.arrivalMinutes.reduce((s, x) => s + x, 0) / d.arrivalMinutes.length) * 10) / 10,
        },
      ]),
    ),
    byMaintainer: maintainers,
  };
}

export const EMPTY_DISTRICT: DistrictElevatorFigures = {
  total: 0, overFifteenYears: 0, onDemandEnrolled: 0, overdueMaintenance: 0, alarmsLast24h: 0, entrapmentsLast24h: 0, averageRescueArrivalMinutes: null,
};
