/**
 * Remote-monitoring alarms of the last 30 days (up to the end of the day before asOf): entrapments
 * reported by intercom, QR code or 110 with the rescuers' arrival, and sensor faults.
 */
import type { SeedContext } from './context.ts';
import { isoDateTime } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isInUse } from './inspections.ts';
import type { AlarmKind, WorldAlarm } from './world.ts';

const ALARMS_PER_ELEVATOR = 0.08;
const DAYS = 30;

export function createAlarms(ctx: SeedContext, registry: Registry): WorldAlarm[] {
  const random = ctx.random('alarms');
  const inUse = registry.elevators.filter((e) => isInUse(registry.byCode.get(e.registrationCode)!));
  const alarms: Omit<WorldAlarm, 'id'>[] = [];
  const count = Math.round(inUse.length * ALARMS_PER_ELEVATOR);
  for (let i = 0; i < count; i++) {
    const elevator = random.pick(inUse);
    const kind: AlarmKind = random.weighted({
      ENTRAPMENT: 35,
      FAULT: 40,
      DOOR_OPEN_MOVING: 8,
      OVER_SPEED: 4,
      POWER_LOSS: 13,
    });
    const day = ctx.asOfDay - random.int(1, DAYS);
    const minute = random.int(0, 1439);
    // Alarms raised in the last hour before asOf are still being handled.
    const ongoing = day === ctx.asOfDay - 1 && minute >= 1380;
    const arrival = kind === 'ENTRAPMENT' ? minute + random.int(6, 42) : minute + random.int(20, 240);
    alarms.push({
      registrationCode: elevator.registrationCode,
      kind,
      raisedAt: isoDateTime(day, minute),
      arrivedAt: ongoing ? null : isoDateTime(day, arrival),
      resolvedAt: ongoing ? null : isoDateTime(day, arrival + random.int(5, 60)),
      source: kind === 'ENTRAPMENT' ? random.weighted({ INTERCOM: 60, QR_CODE: 30, POLICE_110: 10 }) : 'SENSOR',
    });
  }
  // Ids follow the order alarms were raised in, as the platform numbers them.
  alarms.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
  return alarms.map((a, i) => ({ id: `BJ${String(i + 1).padStart(8, '0')}`, ...a }));
}
