/**
 * Figures per district and per maintenance company. The elevator figures are computed once per index
 * refresh (never per query); the alarm figures once per change of the alarm window, which follows the
 * platform's feed. Answers carry the index's refresh time, so they say how fresh they are.
 */
import type { Alarm } from '../../adapters/elevator/types.ts';
import { type Slicer, forEachSliced } from '../../runtime/slices.ts';
import { type IndexedElevator, districtOfCode } from './indexed-elevator.ts';
import { arrivalOverTarget } from './rescue.ts';
import { oldCutoff } from './rules.ts';

export interface DistrictElevatorCounts {
  readonly total: number;
  readonly overFifteenYears: number;
  readonly onDemandEnrolled: number;
  readonly overdueMaintenance: number;
  /** Residential elevators over fifteen years (老旧住宅电梯), and of those assessed and with a measure decided. */
  readonly oldResidential: number;
  readonly oldResidentialAssessed: number;
  readonly oldResidentialMeasureDecided: number;
  /** Lifts added to existing residential buildings (加装电梯). */
  readonly addedToExistingBuildings: number;
}

export interface DistrictAlarmFigures {
  readonly alarmsLast24h: number;
  readonly entrapmentsLast24h: number;
  /** Mean minutes from entrapment to arrival over those with an arrival; null when none. */
  readonly averageRescueArrivalMinutes: number | null;
  /** Entrapments whose rescue arrived later than the target, or has not arrived and the target has passed. */
  readonly rescueArrivalBreachesLast24h: number;
}

export interface MaintainerFigures {
  readonly maintained: number;
  readonly overdue: number;
}

export interface Aggregates {
  readonly byDistrict: ReadonlyMap<string, DistrictElevatorCounts>;
  readonly byMaintainer: ReadonlyMap<string, MaintainerFigures>;
}

type MaintainerCounts = Map<string, { maintained: number; overdue: number }>;

/** Counts one elevator, when in use, for its maintenance company. */
function countForMaintainer(maintainers: MaintainerCounts, e: IndexedElevator): void {
  if (e.profile.status !== 'IN_USE') return;
  const m = maintainers.get(e.profile.maintainerUscc) ?? { maintained: 0, overdue: 0 };
  m.maintained++;
  if (e.overdue) m.overdue++;
  maintainers.set(e.profile.maintainerUscc, m);
}

/** Elevators in use, and of those the overdue ones, per maintenance company. */
export function countByMaintainer(elevators: readonly IndexedElevator[]): Map<string, MaintainerFigures> {
  const maintainers: MaintainerCounts = new Map();
  for (const e of elevators) countForMaintainer(maintainers, e);
  return maintainers;
}

/** The figures of a whole city's elevators, in slices (304,634 at city scale). */
export async function computeAggregates(
  elevators: readonly IndexedElevator[],
  today: string,
  slicer: Slicer,
): Promise<Aggregates> {
  const districts = new Map<string, { -readonly [K in keyof DistrictElevatorCounts]: number }>();
  const byMaintainer: MaintainerCounts = new Map();
  const old = oldCutoff(today);
  // Figures count elevators in use, as the city's statistics do; alarms of any elevator still count.
  await forEachSliced(
    elevators,
    (e) => {
      countForMaintainer(byMaintainer, e);
      if (e.profile.status !== 'IN_USE' || e.profile.district === null) return;
      const d = districts.get(e.profile.district) ?? { ...EMPTY_DISTRICT_COUNTS };
      d.total++;
      if (e.profile.installedOn < old) d.overFifteenYears++;
      if (e.profile.installedOn < old && e.profile.usage === 'RESIDENTIAL') {
        d.oldResidential++;
        if (e.profile.safetyAssessment) d.oldResidentialAssessed++;
        if (e.profile.safetyAssessment?.decision) d.oldResidentialMeasureDecided++;
      }
      if (e.profile.addedToExistingBuilding) d.addedToExistingBuildings++;
      if (e.profile.onDemand) d.onDemandEnrolled++;
      if (e.overdue) d.overdueMaintenance++;
      districts.set(e.profile.district, d);
    },
    slicer,
  );
  return { byDistrict: districts, byMaintainer };
}

/** Alarm figures of the last 24 hours per district; breaches judged against the rescue target at nowMs. */
export function alarmFiguresByDistrict(
  alarms: readonly Alarm[],
  byCode: ReadonlyMap<string, IndexedElevator>,
  rescue: { readonly nowMs: number; readonly targetMinutes: number },
): Map<string, DistrictAlarmFigures> {
  const districts = new Map<
    string,
    { alarms: number; entrapments: number; breaches: number; arrivalMinutes: number[] }
  >();
  for (const a of alarms) {
    const district = districtOfCode(byCode, a.registrationCode);
    if (district === undefined) continue;
    const d = districts.get(district) ?? { alarms: 0, entrapments: 0, breaches: 0, arrivalMinutes: [] };
    districts.set(district, d);
    d.alarms++;
    if (a.kind !== 'ENTRAPMENT') continue;
    d.entrapments++;
    if (arrivalOverTarget(a, rescue.nowMs, rescue.targetMinutes)) d.breaches++;
    if (a.arrivedAt !== null) d.arrivalMinutes.push((a.arrivedAt.getTime() - a.raisedAt.getTime()) / 60_000);
  }
  return new Map(
    [...districts].map(([code, d]) => [
      code,
      {
        alarmsLast24h: d.alarms,
        entrapmentsLast24h: d.entrapments,
        averageRescueArrivalMinutes:
          d.arrivalMinutes.length === 0
            ? null
            : Math.round((d.arrivalMinutes.reduce((s, x) => s + x, 0) / d.arrivalMinutes.length) * 10) / 10,
        rescueArrivalBreachesLast24h: d.breaches,
      },
    ]),
  );
}

export const EMPTY_DISTRICT_COUNTS: DistrictElevatorCounts = {
  total: 0,
  overFifteenYears: 0,
  onDemandEnrolled: 0,
  overdueMaintenance: 0,
  oldResidential: 0,
  oldResidentialAssessed: 0,
  oldResidentialMeasureDecided: 0,
  addedToExistingBuildings: 0,
};
export const EMPTY_DISTRICT_ALARMS: DistrictAlarmFigures = {
  alarmsLast24h: 0,
  entrapmentsLast24h: 0,
  averageRescueArrivalMinutes: null,
  rescueArrivalBreachesLast24h: 0,
};
