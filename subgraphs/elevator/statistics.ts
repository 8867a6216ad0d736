/**
 * Aggregates over an index snapshot, computed once per snapshot (not per query): per district, and
 * per maintenance company. Each carries the snapshot's refresh time, so answers say how fresh they are.
 */
import type { IndexSnapshot, IndexedElevator } from './register-index.ts';
import { type MaintenanceRules, OLD_ELEVATOR_YEARS, isMaintenanceOverdue, yearsSince } from './rules.ts';

export interface DistrictElevatorFigures {
  readonly total: number;
  readonly overFifteenYears: number;
  readonly onDemand: number;
  readonly overdueMaintenance: number;
  readonly alarmsLast24h: number;
  readonly entrapmentsLast24h: number;
  /** Mean minutes from entrapment to arrival over those with an arrival; null when none. */
  readonly averageRescueArrivalMinutes: number | null;
  readonly refreshedAt: Date;
}

export interface MaintainerFigures {
  readonly maintained: number;
  readonly overdue: number;
  readonly refreshedAt: Date;
}

export interface Aggregates {
  readonly byDistrict: ReadonlyMap<string, DistrictElevatorFigures>;
  readonly byMaintainer: ReadonlyMap<string, MaintainerFigures>;
}

export function isIndexedOverdue(e: IndexedElevator, today: string, rules: MaintenanceRules): boolean {
  return isMaintenanceOverdue(e.profile, e.lastMaintenanceOn, today, rules);
}

const cache = new WeakMap<IndexSnapshot, Aggregates>();

export function aggregates(snapshot: IndexSnapshot, rules: MaintenanceRules): Aggregates {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const districts = new Map<string, { total: number; old: number; onDemand: number; overdue: number; alarms: number; entrapments: number; arrivalMinutes: number[] }>();
  const maintainers = new Map<string, { maintained: number; overdue: number }>();
  const districtOf = new Map<string, string>();
  for (const e of snapshot.elevators) {
    const overdue = isIndexedOverdue(e, snapshot.today, rules);
    const m = maintainers.get(e.profile.maintainerUscc) ?? { maintained: 0, overdue: 0 };
    m.maintained++;
    if (overdue) m.overdue++;
    maintainers.set(e.profile.maintainerUscc, m);
    if (e.profile.district === null) continue;
    districtOf.set(e.profile.registrationCode, e.profile.district);
    const d = districts.get(e.profile.district) ?? { total: 0, old: 0, onDemand: 0, overdue: 0, alarms: 0, entrapments: 0, arrivalMinutes: [] };
    d.total++;
    if (yearsSince(e.profile.installedOn, snapshot.today) >= OLD_ELEVATOR_YEARS) d.old++;
    if (e.profile.onDemand) d.onDemand++;
    if (overdue) d.overdue++;
    districts.set(e.profile.district, d);
  }
  for (const a of snapshot.alarmsLast24h) {
    const d = districts.get(districtOf.get(a.registrationCode) ?? '');
    if (!d) continue;
    d.alarms++;
    if (a.kind !== 'ENTRAPMENT') continue;
    d.entrapments++;
    if (a.arrivedAt !== null) d.arrivalMinutes.push((a.arrivedAt.getTime() - a.raisedAt.getTime()) / 60_000);
  }
  const refreshedAt = snapshot.refreshedAt;
  const result: Aggregates = {
    byDistrict: new Map(
      [...districts].map(([code, d]) => [
        code,
        {
          total: d.total, overFifteenYears: d.old, onDemand: d.onDemand, overdueMaintenance: d.overdue, alarmsLast24h: d.alarms, entrapmentsLast24h: d.entrapments,
          averageRescueArrivalMinutes: d.arrivalMinutes.length === 0 ? null : Math.round((d.arrivalMinutes.reduce((s, x) => s + x, 0) / d.arrivalMinutes.length) * 10) / 10,
          refreshedAt,
        },
      ]),
    ),
    byMaintainer: new Map([...maintainers].map(([uscc, m]) => [uscc, { ...m, refreshedAt }])),
  };
  cache.set(snapshot, result);
  return result;
}

export function emptyDistrictFigures(refreshedAt: Date): DistrictElevatorFigures {
  return { total: 0, overFifteenYears: 0, onDemand: 0, overdueMaintenance: 0, alarmsLast24h: 0, entrapmentsLast24h: 0, averageRescueArrivalMinutes: null, refreshedAt };
}
