/**
 * The platform's store: plain files under its own folder, written once by prepareElevator and read
 * into memory indexes at start. Records are served as stored, bad ones included, like the real
 * platform serves whatever its devices and maintenance apps uploaded.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../seed/world.ts';
import { type DtAlarm, type DtElevator, type DtMaintenance, toDtWorld } from './records.ts';

const FILES = { elevators: 'elevators.json', maintenance: 'maintenance.ndjson', alarms: 'alarms.ndjson' } as const;

export function prepareElevator(world: World, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const dt = toDtWorld(world);
  writeFileSync(join(dir, FILES.elevators), JSON.stringify(dt.elevators));
  writeFileSync(join(dir, FILES.maintenance), toNdjson(dt.maintenance));
  writeFileSync(join(dir, FILES.alarms), toNdjson(dt.alarms));
}

function toNdjson(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function readNdjson<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface ElevatorStore {
  readonly elevators: readonly DtElevator[];
  readonly elevatorByCode: ReadonlyMap<string, DtElevator>;
  /** Per elevator, newest first. */
  readonly maintenanceByCode: ReadonlyMap<string, readonly DtMaintenance[]>;
  /** All records, newest first. */
  readonly maintenance: readonly DtMaintenance[];
  /** In feed order (xh ascending). */
  readonly alarms: readonly DtAlarm[];
  /**
   * An alarm arriving while the platform runs, or a new state of one it holds (arrival, resolution):
   * given the next feed number, so followers of the feed see it; a new state replaces the old record.
   */
  appendAlarm(alarm: Omit<DtAlarm, 'xh'>): DtAlarm;
}

export function loadElevatorStore(dir: string): ElevatorStore {
  const elevators = JSON.parse(readFileSync(join(dir, FILES.elevators), 'utf8')) as DtElevator[];
  const maintenance = readNdjson<DtMaintenance>(join(dir, FILES.maintenance)).sort((a, b) => b.wbrq - a.wbrq);
  const alarms = readNdjson<DtAlarm>(join(dir, FILES.alarms)).sort((a, b) => a.xh - b.xh);
  const maintenanceByCode = new Map<string, DtMaintenance[]>();
  for (const m of maintenance) {
    const list = maintenanceByCode.get(m.zcdm);
    if (list) list.push(m);
    else maintenanceByCode.set(m.zcdm, [m]);
  }
  return {
    elevators,
    elevatorByCode: new Map(elevators.map((e) => [e.zcdm, e])),
    maintenanceByCode,
    maintenance,
    alarms,
    appendAlarm(alarm) {
      const stored = { ...alarm, xh: (alarms.at(-1)?.xh ?? 0) + 1 };
      const previous = alarms.findIndex((a) => a.bjbh === alarm.bjbh);
      if (previous >= 0) alarms.splice(previous, 1);
      alarms.push(stored);
      return stored;
    },
  };
}
