/**
 * The platform's store: plain files under its own folder, written once by prepareElevator and read
 * into memory indexes at start. Records are served as stored, bad ones included, like the real
 * platform serves whatever its devices and maintenance apps uploaded. Loaded records share their
 * repeated values (each elevator's code, the companies' USCCs, a team's certificate numbers, a kind's
 * item list): JSON.parse makes a new string for each, and at city scale (1.23 million records) the
 * copies took 290 MiB of the stand-in's 679. Records never change once loaded, so sharing is safe.
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

/** One instance of each equal value (strings, or item lists by their items), for the load only. */
function sharing<T>(key: (value: T) => string) {
  const seen = new Map<string, T>();
  return (value: T): T => {
    const k = key(value);
    const first = seen.get(k);
    if (first !== undefined) return first;
    seen.set(k, value);
    return value;
  };
}

/**
 * The records with their repeated values shared (see above). A malformed record keeps whatever it holds
 * (a field that is no string, items that are no list of strings): it is served as stored.
 */
function shareValues(elevators: DtElevator[], maintenance: DtMaintenance[]): void {
  const strings = sharing<string>((value) => value);
  const text = <V>(value: V): V => (typeof value === 'string' ? (strings(value) as V) : value);
  const lists = sharing<string[]>((list) => JSON.stringify(list));
  const items = <V>(value: V): V =>
    Array.isArray(value) && value.every((i) => typeof i === 'string') ? (lists(value) as V) : value;
  for (const e of elevators) {
    e.zcdm = text(e.zcdm);
    e.wbdwTyshxydm = text(e.wbdwTyshxydm);
    e.sydwTyshxydm = text(e.sydwTyshxydm);
    e.azdwTyshxydm = text(e.azdwTyshxydm);
    e.zzdwmc = text(e.zzdwmc);
    e.jdmc = text(e.jdmc);
  }
  for (const m of maintenance) {
    m.zcdm = text(m.zcdm);
    m.wbdwTyshxydm = text(m.wbdwTyshxydm);
    m.wbryZsbh = text(m.wbryZsbh);
    m.wbxm = items(m.wbxm);
  }
}

export function loadElevatorStore(dir: string): ElevatorStore {
  const elevators = JSON.parse(readFileSync(join(dir, FILES.elevators), 'utf8')) as DtElevator[];
  const maintenance = readNdjson<DtMaintenance>(join(dir, FILES.maintenance)).sort((a, b) => b.wbrq - a.wbrq);
  shareValues(elevators, maintenance);
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
