/**
 * Entrapment rescue (困人救援): whether a rescue arrived later than the target, and each maintenance
 * company's rescue record over a set of alarms. A breach is an entrapment whose arrival came more than
 * the target after the alarm, or that nobody has reached and whose alarm is more than the target old
 * (arriving exactly on the target is in time). The city's target is 30 minutes (ELEVATOR_RESCUE_TARGET_MINUTES).
 */
import type { Alarm } from '../../adapters/elevator/types.ts';
import type { IndexedElevator } from './indexed-elevator.ts';

const MINUTE_MS = 60_000;

/** Null for alarms that are not entrapments: the target is for rescues. */
export function arrivalOverTarget(alarm: Alarm, nowMs: number, targetMinutes: number): boolean | null {
  if (alarm.kind !== 'ENTRAPMENT') return null;
  const until = alarm.arrivedAt === null ? nowMs : alarm.arrivedAt.getTime();
  return until - alarm.raisedAt.getTime() > targetMinutes * MINUTE_MS;
}

export interface MaintainerRescue {
  readonly uscc: string;
  readonly entrapments: number;
  readonly arrived: number;
  readonly arrivalBreaches: number;
  /** Mean minutes to arrival over the arrived ones, one decimal; null when none arrived. */
  readonly averageArrivalMinutes: number | null;
}

/**
 * Per maintenance company of the alarm's elevator, the entrapments, arrivals and breaches; most breaches
 * first, then the highest share of breaches, then by USCC. Alarms on elevators the index does not place
 * under a company are left out.
 */
export function rescueByMaintainer(
  alarms: readonly Alarm[],
  byCode: ReadonlyMap<string, IndexedElevator>,
  nowMs: number,
  targetMinutes: number,
): MaintainerRescue[] {
  const companies = new Map<string, { entrapments: number; arrived: number; breaches: number; minutes: number }>();
  for (const a of alarms) {
    if (a.kind !== 'ENTRAPMENT') continue;
    const uscc = byCode.get(a.registrationCode)?.profile.maintainerUscc;
    if (uscc === undefined) continue;
    const c = companies.get(uscc) ?? { entrapments: 0, arrived: 0, breaches: 0, minutes: 0 };
    companies.set(uscc, c);
    c.entrapments++;
    if (a.arrivedAt !== null) {
      c.arrived++;
      c.minutes += (a.arrivedAt.getTime() - a.raisedAt.getTime()) / MINUTE_MS;
    }
    if (arrivalOverTarget(a, nowMs, targetMinutes)) c.breaches++;
  }
  return [...companies]
    .map(([uscc, c]) => ({
      uscc,
      entrapments: c.entrapments,
      arrived: c.arrived,
      arrivalBreaches: c.breaches,
      averageArrivalMinutes: c.arrived === 0 ? null : Math.round((c.minutes / c.arrived) * 10) / 10,
    }))
    .sort(
      (a, b) =>
        b.arrivalBreaches - a.arrivalBreaches ||
        b.arrivalBreaches / b.entrapments - a.arrivalBreaches / a.entrapments ||
        a.uscc.localeCompare(b.uscc),
    );
}
