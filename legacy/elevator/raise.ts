/**
 * Alarms raised on the running platform stand-in, as a device or a 96333 call would raise them, for
 * demonstrations, tests and `npm run alarm`: a new alarm on an elevator found by registration code or
 * QR id, and the later states of one (accepted, rescuer arrived, released, closed). Each goes through
 * appendAlarm, so the feed's followers see it at their next poll, exactly as they see the platform's own
 * alarms. A step records the earlier ones not yet recorded at the same time (a rescuer who arrives
 * accepted the alarm), except closing: the platform closes only a released alarm.
 */
import type { WorldAlarm } from '../seed/world.ts';
import { ALARM_KIND_CODES, ALARM_SOURCE_CODES, type DtAlarm, type DtElevator, alarmStateCode } from './records.ts';
import type { ElevatorStore } from './store.ts';

export const RAISED_KINDS = Object.keys(ALARM_KIND_CODES) as WorldAlarm['kind'][];

/** What an operator asks: an elevator (code or QR id) and a kind, or a state change of an alarm held. */
export type AlarmAction =
  | { readonly action: 'raise'; readonly elevator: string; readonly kind: WorldAlarm['kind'] }
  | { readonly action: AlarmStep; readonly alarmId: string };

/** The later states of an alarm, in the order it passes them. */
export const ALARM_STEPS = ['accept', 'arrive', 'release', 'close'] as const;
export type AlarmStep = (typeof ALARM_STEPS)[number];

/** The time field each step records. */
const STEP_TIMES = { accept: 'jjsj', arrive: 'ddsj', release: 'jcsj', close: 'jasj' } as const;

export interface RaisedAlarm {
  readonly alarmId: string;
  readonly registrationCode: string;
  readonly feedNumber: number;
}

function byQrId(elevators: ElevatorStore['elevators'], qrId: string): DtElevator | undefined {
  const [row] = elevators.select({ equals: { ewmbh: [qrId] } });
  return row === undefined ? undefined : elevators.record(row);
}

/** Applies one action at `now` (epoch ms); throws RangeError naming what is wrong. */
export function applyAlarmAction(
  store: Pick<ElevatorStore, 'elevators' | 'elevatorByCode' | 'alarms' | 'appendAlarm'>,
  request: AlarmAction,
  now: number,
): RaisedAlarm {
  if (request.action === 'raise') {
    const elevator = store.elevatorByCode(request.elevator) ?? byQrId(store.elevators, request.elevator);
    if (!elevator) throw new RangeError(`no elevator with registration code or QR id ${request.elevator}`);
    const times = { jjsj: 0, ddsj: 0, jcsj: 0, jasj: 0 };
    const stored = store.appendAlarm({
      bjbh: `LIVE-${now.toString(36).toUpperCase()}-${(store.alarms.at(-1)?.xh ?? 0) + 1}`,
      zcdm: elevator.zcdm,
      bjlx: ALARM_KIND_CODES[request.kind],
      bjly: ALARM_SOURCE_CODES.SENSOR,
      bjsj: now,
      ...times,
      bjzt: alarmStateCode(times),
    });
    return { alarmId: stored.bjbh, registrationCode: stored.zcdm, feedNumber: stored.xh };
  }
  const held = store.alarms.find((a) => a.bjbh === request.alarmId);
  if (!held) throw new RangeError(`no alarm ${request.alarmId} on the platform`);
  if (request.action === 'close' && !held.jcsj)
    throw new RangeError(`alarm ${request.alarmId} is not released yet: release it before closing it`);
  const times = { jjsj: held.jjsj, ddsj: held.ddsj, jcsj: held.jcsj, jasj: held.jasj };
  for (const step of ALARM_STEPS.slice(0, ALARM_STEPS.indexOf(request.action) + 1)) times[STEP_TIMES[step]] ||= now;
  const next: Omit<DtAlarm, 'xh'> = { ...held, ...times, bjzt: alarmStateCode(times) };
  const stored = store.appendAlarm(next);
  return { alarmId: stored.bjbh, registrationCode: stored.zcdm, feedNumber: stored.xh };
}

/** Reads an action from the admin route's JSON body. */
export function parseAlarmAction(body: string): AlarmAction {
  const raw = JSON.parse(body) as { action?: unknown; elevator?: unknown; kind?: unknown; alarmId?: unknown };
  if (ALARM_STEPS.includes(raw.action as AlarmStep)) {
    if (typeof raw.alarmId !== 'string' || raw.alarmId === '') throw new RangeError('alarmId is required');
    return { action: raw.action as AlarmStep, alarmId: raw.alarmId };
  }
  if (raw.action !== 'raise') throw new RangeError(`action must be raise, ${ALARM_STEPS.join(', ')}`);
  if (typeof raw.elevator !== 'string' || raw.elevator === '')
    throw new RangeError('elevator (registration code or QR id) is required');
  const kind = raw.kind ?? 'ENTRAPMENT';
  if (!RAISED_KINDS.includes(kind as WorldAlarm['kind']))
    throw new RangeError(`kind must be one of ${RAISED_KINDS.join(', ')}`);
  return { action: 'raise', elevator: raw.elevator, kind: kind as WorldAlarm['kind'] };
}
