/**
 * Remote-monitoring alarms of the 30 days before the world's clock (asOf at RULES.clockMinuteOfAsOf):
 * entrapments reported by intercom, QR code or 110 with the rescuers' arrival, and sensor faults. Rescue
 * arrives within 28 minutes except for the planted breaches of the 30-minute target; around the target
 * and the 24-hour edge sit planted near-misses on both sides (arrival at 29, 30 and 31 minutes; raised
 * exactly 24 hours and 23 h 59 min before the clock; still waiting after 30 and 31 minutes). Each alarm is
 * accepted (接警) 1 to 4 minutes after it was raised, before anyone arrives, and closed (结案) 10 minutes to
 * 4 hours after its release; what falls after the clock is not recorded yet.
 */
import type { SeedContext } from './context.ts';
import { isoDateTime } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isInUse } from './inspections.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { AlarmKind, WorldAlarm, WorldElevator } from './world.ts';

const ALARMS_PER_ELEVATOR = 0.08;
const DAY_MINUTES = 1440;
/** Natural rescue arrivals take 5 to this many minutes: below the target, so breaches are only the planted ones. */
const NATURAL_ARRIVAL_MAX = RULES.rescueArrivalTargetMinutes - 2;
const BREACH_ARRIVAL_MAX = 75;
/** Acceptance comes this many minutes after raising: before the earliest arrival (5 minutes). */
const ACCEPT_MINUTES = [1, 4] as const;
/** The platform closes a record this many minutes after the release (a review, a call back). */
const CLOSE_MINUTES = [10, 240] as const;
/** One set of boundary cases per this many elevators in use (at least one). */
const ELEVATORS_PER_BOUNDARY_SET = 1500;

/** An alarm before ids are given: `back` minutes before the clock, arrival `delay` minutes after it was raised. */
interface Draft {
  elevator: WorldElevator;
  kind: AlarmKind;
  back: number;
  delay: number | null;
  breach: boolean;
}

export function createAlarms(ctx: SeedContext, registry: Registry): WorldAlarm[] {
  const random = ctx.random('alarms');
  const inUse = registry.elevators.filter((e) => isInUse(registry.byCode.get(e.registrationCode)!));
  const clock = ctx.asOfDay * DAY_MINUTES + RULES.clockMinuteOfAsOf;
  const history = RULES.alarmHistoryDays * DAY_MINUTES;
  const drafts: Draft[] = [];
  const count = Math.round(inUse.length * ALARMS_PER_ELEVATOR);
  for (let i = 0; i < count; i++) {
    const kind: AlarmKind = random.weighted({
      ENTRAPMENT: 35,
      FAULT: 40,
      DOOR_OPEN_MOVING: 8,
      OVER_SPEED: 4,
      POWER_LOSS: 13,
    });
    const elevator = random.pick(inUse);
    if (kind !== 'ENTRAPMENT') {
      drafts.push({ elevator, kind, back: random.int(1, history - 1), delay: random.int(20, 240), breach: false });
    } else if (random.chance(PLANT_RATES.rescueArrivalBreaches)) {
      // Raised long enough ago that the late arrival is already recorded.
      drafts.push({
        elevator,
        kind,
        back: random.int(BREACH_ARRIVAL_MAX + 1, history - 1),
        delay: random.int(31, BREACH_ARRIVAL_MAX),
        breach: true,
      });
    } else {
      drafts.push({
        elevator,
        kind,
        back: random.int(1, history - 1),
        delay: random.int(5, NATURAL_ARRIVAL_MAX),
        breach: false,
      });
    }
  }
  const target = RULES.rescueArrivalTargetMinutes;
  const sets = Math.max(1, Math.round(inUse.length / ELEVATORS_PER_BOUNDARY_SET));
  for (let i = 0; i < sets; i++) {
    const entrapment = (back: number, delay: number | null, breach: boolean) =>
      drafts.push({ elevator: random.pick(inUse), kind: 'ENTRAPMENT', back, delay, breach });
    const recent = () => random.int(2 * BREACH_ARRIVAL_MAX, DAY_MINUTES - 2 * BREACH_ARRIVAL_MAX);
    entrapment(recent(), target, false); // exactly on target: no breach
    entrapment(recent(), target + 1, true); // one minute late
    entrapment(DAY_MINUTES, target + 1, true); // late, but raised exactly 24 h before the clock: not in the last 24 h
    entrapment(DAY_MINUTES - 1, target - 1, false); // one minute inside the last 24 h, in time
    entrapment(target + 1, null, true); // still waiting after 31 minutes
    entrapment(target, null, false); // still waiting after exactly 30 minutes: not yet a breach
  }
  const alarms = drafts.map((d) => {
    const raised = clock - d.back;
    const arrival = d.delay === null ? null : raised + d.delay;
    // What has not happened by the clock is not recorded yet: the alarm is still being handled.
    const arrived = arrival !== null && arrival <= clock ? arrival : null;
    const release = arrived === null ? null : arrived + random.int(5, 60);
    const resolved = release === null || release > clock ? null : release;
    return {
      draft: d,
      raised,
      resolved,
      raisedAt: at(raised),
      arrivedAt: arrived === null ? null : at(arrived),
      resolvedAt: resolved === null ? null : at(resolved),
      source:
        d.kind === 'ENTRAPMENT'
          ? random.weighted({ INTERCOM: 60, QR_CODE: 30, POLICE_110: 10 } as const)
          : ('SENSOR' as const),
    };
  });
  // Ids follow the order alarms were raised in, as the platform numbers them.
  alarms.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
  // A stream of its own, so the handling adds to the alarms above without changing them.
  const handling = ctx.random('alarm-handling');
  return alarms.map((a, i) => {
    const id = `BJ${String(i + 1).padStart(8, '0')}`;
    if (a.draft.breach) ctx.planted.rescueArrivalBreaches.push(id);
    const accepted = a.raised + handling.int(...ACCEPT_MINUTES);
    const closed = a.resolved === null ? null : a.resolved + handling.int(...CLOSE_MINUTES);
    return {
      id,
      registrationCode: a.draft.elevator.registrationCode,
      kind: a.draft.kind,
      raisedAt: a.raisedAt,
      acceptedAt: accepted > clock ? null : at(accepted),
      arrivedAt: a.arrivedAt,
      resolvedAt: a.resolvedAt,
      closedAt: closed === null || closed > clock ? null : at(closed),
      source: a.source,
    };
  });
}

function at(minute: number): string {
  return isoDateTime(Math.floor(minute / DAY_MINUTES), minute % DAY_MINUTES);
}
