/**
 * The elevator index's rows as a table (common/row-table.ts): what its kept file holds, and the pass that
 * makes a new build's rows share their repeated strings. A city's 306,768 rows kept as objects came back
 * from V8's deserialiser in 4-10 s and 341 MiB of heap, every district, company code, manufacturer and
 * date its own copy; as columns they come back with one copy of each distinct value (bench/kept-index.ts).
 * Only the rows and the enterprise lists (as row numbers) are kept: what is derived from the rows (each
 * elevator by code and by QR id, the figures per district and company) is computed again on restore, by
 * the code a build computes it with.
 */
import { Slicer, forEachSliced } from '../../runtime/slices.ts';
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';
import type { KeptForm } from '../common/index-file.ts';
import {
  type ColumnValue,
  type RowGroups,
  type RowReaders,
  type RowTable,
  decodeGroups,
  decodeRows,
  encodeGroups,
  encodeRows,
} from '../common/row-table.ts';
import type { IndexedElevator } from './indexed-elevator.ts';
import type { IndexSnapshot } from './index-snapshot.ts';
import { computeAggregates } from './statistics.ts';

/** Every field of an indexed elevator, one column each. */
const COLUMNS: RowReaders<IndexedElevator> = {
  registrationCode: (e) => e.profile.registrationCode,
  qrId: (e) => e.profile.qrId,
  catalogueCode: (e) => e.profile.catalogueCode,
  address: (e) => e.profile.address,
  district: (e) => e.profile.district,
  recordedDistrict: (e) => e.profile.recordedDistrict,
  subDistrict: (e) => e.profile.subDistrict,
  usage: (e) => e.profile.usage,
  floors: (e) => e.profile.floors,
  speed: (e) => e.profile.speed,
  manufacturer: (e) => e.profile.manufacturer,
  installedOn: (e) => e.profile.installedOn,
  maintainerUscc: (e) => e.profile.maintainerUscc,
  userUscc: (e) => e.profile.userUscc,
  installerUscc: (e) => e.profile.installerUscc,
  remoteMonitoring: (e) => e.profile.remoteMonitoring,
  onDemand: (e) => e.profile.onDemand,
  insured: (e) => e.profile.insured,
  status: (e) => e.profile.status,
  safetyAssessment: (e) => e.profile.safetyAssessment,
  addedToExistingBuilding: (e) => e.profile.addedToExistingBuilding,
  lastMaintenanceOn: (e) => e.lastMaintenanceOn,
  onDemandEligible: (e) => e.onDemandEligible,
  overdue: (e) => e.overdue,
};
const COLUMN_NAMES = Object.keys(COLUMNS);

type P = ElevatorProfile;

/**
 * Row `i` of the table: the fields in the order the adapter's mapper gives a profile (adapters/elevator/
 * mapper.ts), so a restored row has the shape of a built one and the code reading rows stays monomorphic.
 */
const rowOf = (i: number, v: Readonly<Record<string, ColumnValue>>): IndexedElevator => ({
  profile: {
    registrationCode: v.registrationCode!(i) as P['registrationCode'],
    qrId: v.qrId!(i) as P['qrId'],
    catalogueCode: v.catalogueCode!(i) as P['catalogueCode'],
    address: v.address!(i) as P['address'],
    district: v.district!(i) as P['district'],
    recordedDistrict: v.recordedDistrict!(i) as P['recordedDistrict'],
    subDistrict: v.subDistrict!(i) as P['subDistrict'],
    usage: v.usage!(i) as P['usage'],
    floors: v.floors!(i) as P['floors'],
    speed: v.speed!(i) as P['speed'],
    manufacturer: v.manufacturer!(i) as P['manufacturer'],
    installedOn: v.installedOn!(i) as P['installedOn'],
    maintainerUscc: v.maintainerUscc!(i) as P['maintainerUscc'],
    userUscc: v.userUscc!(i) as P['userUscc'],
    installerUscc: v.installerUscc!(i) as P['installerUscc'],
    remoteMonitoring: v.remoteMonitoring!(i) as P['remoteMonitoring'],
    onDemand: v.onDemand!(i) as P['onDemand'],
    insured: v.insured!(i) as P['insured'],
    status: v.status!(i) as P['status'],
    safetyAssessment: v.safetyAssessment!(i) as P['safetyAssessment'],
    addedToExistingBuilding: v.addedToExistingBuilding!(i) as P['addedToExistingBuilding'],
  },
  lastMaintenanceOn: v.lastMaintenanceOn!(i) as IndexedElevator['lastMaintenanceOn'],
  onDemandEligible: v.onDemandEligible!(i) as IndexedElevator['onDemandEligible'],
  overdue: v.overdue!(i) as IndexedElevator['overdue'],
});

const toTable = (elevators: readonly IndexedElevator[], slicer: Slicer) => encodeRows(elevators, COLUMNS, slicer);
const fromTable = (table: RowTable, slicer: Slicer) => decodeRows(table, COLUMN_NAMES, rowOf, slicer);

/**
 * The same rows, equal values shared: one string per distinct district, company code, date…, one object per
 * distinct safety assessment. A build's rows hold the copies the platform's pages were parsed into.
 */
export async function shareRepeatedValues(
  elevators: readonly IndexedElevator[],
  slicer: Slicer,
): Promise<IndexedElevator[]> {
  return fromTable(await toTable(elevators, slicer), slicer);
}

/** What the index derives from its rows, on a build and on a restore alike. */
export async function derivedFromRows(
  elevators: readonly IndexedElevator[],
  today: string,
  slicer: Slicer,
): Promise<Pick<IndexSnapshot, 'byCode' | 'codeOfQrId' | 'aggregates'>> {
  const byCode = new Map<string, IndexedElevator>();
  const codeOfQrId = new Map<string, string>();
  await forEachSliced(
    elevators,
    (e) => {
      byCode.set(e.profile.registrationCode, e);
      codeOfQrId.set(e.profile.qrId, e.profile.registrationCode);
    },
    slicer,
  );
  return { byCode, codeOfQrId, aggregates: await computeAggregates(elevators, today, slicer) };
}

/** A kept elevator index: its rows as columns, its enterprise lists as row numbers. */
interface KeptElevatorIndex {
  readonly refreshedAt: Date;
  readonly today: string;
  readonly skippedRecords: number;
  readonly elevators: RowTable;
  readonly maintainedBy: RowGroups;
  readonly usedBy: RowGroups;
}

/** How the elevator index is kept on disk (common/index-file.ts), both ways in slices. */
export const keptElevatorIndex: KeptForm<IndexSnapshot> = {
  keep: async (snapshot): Promise<KeptElevatorIndex> => {
    const numberOf = new Map(snapshot.elevators.map((e, i) => [e, i]));
    return {
      refreshedAt: snapshot.refreshedAt,
      today: snapshot.today,
      skippedRecords: snapshot.skippedRecords,
      elevators: await toTable(snapshot.elevators, new Slicer()),
      maintainedBy: encodeGroups(snapshot.maintainedBy, numberOf),
      usedBy: encodeGroups(snapshot.usedBy, numberOf),
    };
  },
  restore: async (value): Promise<IndexSnapshot> => {
    const kept = value as Partial<KeptElevatorIndex>;
    if (!(kept.refreshedAt instanceof Date) || typeof kept.today !== 'string' || !kept.elevators)
      throw new Error('not a kept elevator index');
    const slicer = new Slicer();
    const elevators = await fromTable(kept.elevators, slicer);
    const { byCode, codeOfQrId, aggregates } = await derivedFromRows(elevators, kept.today, slicer);
    return {
      refreshedAt: kept.refreshedAt,
      today: kept.today,
      elevators,
      maintainedBy: decodeGroups(kept.maintainedBy!, elevators),
      usedBy: decodeGroups(kept.usedBy!, elevators),
      byCode,
      codeOfQrId,
      skippedRecords: kept.skippedRecords ?? 0,
      aggregates,
    };
  },
};
