/**
 * The platform's store: files under its own folder, written once by prepareElevator and loaded at start.
 * Records are served as stored, bad ones included, like the real platform serves whatever its devices
 * and maintenance apps uploaded.
 *
 * Elevators and maintenance records are kept in `records.store` as columns (columns.ts), the maintenance
 * records already in the order served (newest first) and both tables also ordered by elevator code, so
 * a load reads one file into memory and checks it (sections-file.ts) without parsing, sorting or
 * sharing anything, and a record is made only when it is served. At city scale (306,768 elevators,
 * 1.23 million records) JSON files took 22-25 s and 380 MiB of heap after load, with about 1 GiB of
 * transient strings behind the process's peak; figures of this form: README.md, bench/README.md.
 * Alarms change at runtime and stay in `alarms.ndjson` (5 MB at city scale).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../seed/world.ts';
import {
  type EncodedTable,
  RecordTable,
  type Schema,
  StringTable,
  StringTableWriter,
  planColumns,
  encodeTable,
} from './columns.ts';
import { type DtAlarm, type DtElevator, type DtMaintenance, type DtWorld, toDtWorld } from './records.ts';
import { type Section, isWholeSectionsFile, readSectionsFile, writeSectionsFile } from './sections-file.ts';

const FILES = { records: 'records.store', alarms: 'alarms.ndjson' } as const;
/** The records file's layout; another value is refused (a data folder of older code is seeded again). */
const RECORDS_FORMAT = 'elevator-platform-records-1';

const ELEVATOR_SCHEMA: Schema<DtElevator> = {
  zcdm: 'text',
  ewmbh: 'text',
  sblb: 'text',
  azdz: 'text',
  qxdm: 'text',
  jdmc: 'text',
  csyt: 'text',
  cs: 'number',
  sd: 'text',
  zzdwmc: 'text',
  azrq: 'number',
  wbdwTyshxydm: 'text',
  sydwTyshxydm: 'text',
  azdwTyshxydm: 'text',
  ycjkBz: 'text',
  axwbBz: 'text',
  bxBz: 'text',
  sbzt: 'text',
  gxsj: 'number',
  aqpgRq: 'number',
  aqpgJl: 'text',
  cscs: 'text',
  jzdtBz: 'text',
};

const MAINTENANCE_SCHEMA: Schema<DtMaintenance> = {
  wbjlbh: 'text',
  zcdm: 'text',
  wbrq: 'number',
  wblx: 'text',
  wbdwTyshxydm: 'text',
  wbryZsbh: 'text',
  wbsc: 'number',
  wbxm: 'textList',
};

type TableMeta = Omit<EncodedTable, 'arrays' | 'raw' | 'groupOrder'>;
interface RecordsMeta {
  readonly elevators: TableMeta;
  readonly maintenance: TableMeta;
}

export function prepareElevator(world: World, dir: string): void {
  writeElevatorStore(toDtWorld(world), dir);
}

/**
 * Writes a platform's records as the stand-in loads them. Tests plant malformed records by changing
 * a DtWorld before writing it: the platform serves them as stored.
 */
export function writeElevatorStore(dt: DtWorld, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FILES.alarms), dt.alarms.map((a) => JSON.stringify(a) + '\n').join(''));
  // Newest first, as served; a stable sort keeps the seed's order among records of one time.
  const maintenance = [...dt.maintenance].sort((a, b) => b.wbrq - a.wbrq);
  const strings = new StringTableWriter();
  const elevatorColumns = planColumns(dt.elevators, ELEVATOR_SCHEMA, strings);
  const maintenanceColumns = planColumns(maintenance, MAINTENANCE_SCHEMA, strings);
  const table = strings.finish();
  const elevators = encodeTable(dt.elevators, ELEVATOR_SCHEMA, elevatorColumns, strings, 'zcdm');
  const records = encodeTable(maintenance, MAINTENANCE_SCHEMA, maintenanceColumns, strings, 'zcdm');
  const sections: Section[] = [table.bytes, table.offsets];
  const tableMeta = (t: EncodedTable): TableMeta => {
    const { arrays, raw, groupOrder, ...meta } = t;
    sections.push(...arrays, Buffer.from(JSON.stringify(raw)), groupOrder);
    return meta;
  };
  const meta: RecordsMeta = { elevators: tableMeta(elevators), maintenance: tableMeta(records) };
  // Written last and atomically: its presence means the store is whole (isElevatorStorePrepared).
  writeSectionsFile(join(dir, FILES.records), RECORDS_FORMAT, meta, sections);
}

/** Whether prepareElevator has written a whole store in `dir` (of this code's format). */
export function isElevatorStorePrepared(dir: string): boolean {
  return existsSync(join(dir, FILES.alarms)) && isWholeSectionsFile(join(dir, FILES.records), RECORDS_FORMAT);
}

function readNdjson<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface ElevatorStore {
  /** In registry order. */
  readonly elevators: RecordTable<DtElevator>;
  /** Newest first; `rowsWith(zcdm)` gives one elevator's, newest first. */
  readonly maintenance: RecordTable<DtMaintenance>;
  /** The elevator of a registration code (the last stored, should a code be stored twice). */
  elevatorByCode(zcdm: string): DtElevator | undefined;
  /** In feed order (xh ascending). */
  readonly alarms: readonly DtAlarm[];
  /**
   * An alarm arriving while the platform runs, or a new state of one it holds (arrival, resolution):
   * given the next feed number, so followers of the feed see it; a new state replaces the old record.
   */
  appendAlarm(alarm: Omit<DtAlarm, 'xh'>): DtAlarm;
}

function readRecords(dir: string) {
  try {
    return readSectionsFile<RecordsMeta>(join(dir, FILES.records), RECORDS_FORMAT);
  } catch (error) {
    const why = (error as Error).message;
    // A seeded folder is trusted once its marker is written: a store damaged later stays so until seeded again.
    throw new Error(`elevator platform stand-in not started: ${why}; remove the seeded data folder to seed it again`, {
      cause: error,
    });
  }
}

/** Loads the store; throws, saying why, when its records file is missing, of another format, cut off or corrupt. */
export function loadElevatorStore(dir: string): ElevatorStore {
  const { meta, sections } = readRecords(dir);
  let next = 0;
  const take = () => sections[next++]!;
  const bytes = () => {
    const section = take();
    return Buffer.from(section.buffer, section.byteOffset, section.byteLength); // a view, not a copy
  };
  const strings = new StringTable(bytes(), take() as Uint32Array);
  const table = <T>(m: TableMeta) =>
    new RecordTable<T>(
      {
        ...m,
        arrays: m.columns.map(() => take() as Exclude<Section, Uint8Array>),
        raw: JSON.parse(bytes().toString('utf8')) as [number, unknown][],
        groupOrder: take() as Uint32Array,
      },
      strings,
    );
  const elevators = table<DtElevator>(meta.elevators);
  const maintenance = table<DtMaintenance>(meta.maintenance);
  const alarms = readNdjson<DtAlarm>(join(dir, FILES.alarms)).sort((a, b) => a.xh - b.xh);
  return {
    elevators,
    maintenance,
    elevatorByCode(zcdm) {
      const rows = elevators.rowsWith(zcdm);
      return rows.length > 0 ? elevators.record(rows[rows.length - 1]!) : undefined;
    },
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
