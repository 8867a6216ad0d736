/**
 * The ground truth of entrapment rescue (困人救援), straight over a World's alarms: entrapments raised in
 * the 24 hours before the world's clock, rescue arrivals later than the target, and each maintenance
 * company's rescue record over the alarms the platform keeps. The reading of the rule is the legacy seed
 * README's ("Entrapment rescue").
 */
import { RULES } from './rules.ts';
import type { World, WorldAlarm } from './world.ts';

const MINUTE_MS = 60_000;

interface MaintainerRescue {
  uscc: string;
  entrapments: number;
  arrived: number;
  arrivalBreaches: number;
}

export interface RescueTruth {
  /** The world's clock (asOf at RULES.clockMinuteOfAsOf, Shanghai time). */
  clock: string;
  /** Entrapment alarm ids raised after clock − 24 h and at or before the clock. */
  entrapmentsLast24h: string[];
  /** Entrapment alarm ids whose arrival came later than the target, or has not come and the target has passed. */
  arrivalBreaches: string[];
  /** Those of arrivalBreaches raised in the last 24 hours. */
  arrivalBreachesLast24h: string[];
  /** Per maintenance company of the alarm's elevator, over every alarm the world holds; sorted by uscc. */
  byMaintainer: MaintainerRescue[];
}

function worldClock(asOf: string): string {
  const h = Math.floor(RULES.clockMinuteOfAsOf / 60);
  const m = RULES.clockMinuteOfAsOf % 60;
  return `${asOf}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
}

/** Later than the target: arrived more than target minutes after raised, or not arrived and more than that has passed. */
function isArrivalBreach(alarm: WorldAlarm, clockMs: number): boolean {
  if (alarm.kind !== 'ENTRAPMENT') return false;
  const raised = Date.parse(alarm.raisedAt);
  const until = alarm.arrivedAt === null ? clockMs : Date.parse(alarm.arrivedAt);
  return until - raised > RULES.rescueArrivalTargetMinutes * MINUTE_MS;
}

export function rescueTruth(world: World): RescueTruth {
  const clock = worldClock(world.asOf);
  const clockMs = Date.parse(clock);
  const inLast24h = (a: WorldAlarm) => {
    const raised = Date.parse(a.raisedAt);
    return raised > clockMs - 1440 * MINUTE_MS && raised <= clockMs;
  };
  const maintainerOf = new Map(world.elevators.map((e) => [e.registrationCode, e.maintainerUscc]));
  const entrapments = world.alarms.filter((a) => a.kind === 'ENTRAPMENT');
  const breaches = entrapments.filter((a) => isArrivalBreach(a, clockMs));
  const byMaintainer = new Map<string, MaintainerRescue>();
  for (const a of entrapments) {
    const uscc = maintainerOf.get(a.registrationCode)!;
    const m = byMaintainer.get(uscc) ?? { uscc, entrapments: 0, arrived: 0, arrivalBreaches: 0 };
    byMaintainer.set(uscc, m);
    m.entrapments++;
    if (a.arrivedAt !== null) m.arrived++;
    if (isArrivalBreach(a, clockMs)) m.arrivalBreaches++;
  }
  return {
    clock,
    entrapmentsLast24h: entrapments
      .filter(inLast24h)
      .map((a) => a.id)
      .sort(),
    arrivalBreaches: breaches.map((a) => a.id).sort(),
    arrivalBreachesLast24h: breaches
      .filter(inLast24h)
      .map((a) => a.id)
      .sort(),
    byMaintainer: [...byMaintainer.values()].sort((a, b) => a.uscc.localeCompare(b.uscc)),
  };
}
