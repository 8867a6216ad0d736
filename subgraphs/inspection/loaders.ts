/**
 * Per-request DataLoaders over the inspection port. Lookups whose answer depends on arguments
 * (how many inspections, which hazards, which page) get one loader per distinct argument set, so
 * every key of one field in one request still shares one batch: one SQL statement per field.
 */
import DataLoader from 'dataloader';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import type {
  DistrictEquipmentStats,
  Equipment,
  Hazard,
  HazardFilter,
  InspectionRecord,
  PageOf,
  PageRequest,
} from '../../adapters/inspection/types.ts';
import type { Counted, CountedFigures } from '../common/counted-figures.ts';
import type { Caller } from '../../graph/caller.ts';
import { districtsWithin, mayReadDistrict, outsideDistricts } from '../common/districts.ts';

/** The figures of every district, by today's code. */
export type DistrictStatistics = CountedFigures<Map<string, DistrictEquipmentStats>>;

/** Loaders keyed by an argument set, created on first use within the request. */
function byArguments<A, K, V>(make: (args: A) => DataLoader<K, V>): (args: A) => DataLoader<K, V> {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = make(args)));
    return loader;
  };
}

export interface InspectionLoaders {
  /** Equipment outside the caller's districts is a FORBIDDEN error in its place. */
  readonly equipment: DataLoader<string, Equipment | null>;
  readonly inspections: (last: number) => DataLoader<string, InspectionRecord[]>;
  readonly hazards: (filter: HazardFilter) => DataLoader<string, Hazard[]>;
  readonly usedEquipment: (page: PageRequest) => DataLoader<string, PageOf<Equipment | Error>>;
  readonly enterpriseHazards: (args: {
    filter: HazardFilter;
    page: PageRequest;
  }) => DataLoader<string, PageOf<Hazard | Error>>;
  /** The statistics of every district as of a day: at most one statement per request, whatever the districts asked. */
  readonly districtStatistics: DataLoader<string, Counted<Map<string, DistrictEquipmentStats>>>;
}

/** Loaders of one request, reading for its caller: rows outside the caller's districts are never returned. */
export function createInspectionLoaders(
  port: InspectionPort,
  statistics: DistrictStatistics,
  caller: Caller,
): InspectionLoaders {
  const within = districtsWithin(caller);
  return {
    equipment: new DataLoader(async (codes: readonly string[]) =>
      (await port.equipmentByCode(codes)).map((e, i) =>
        e === null || e instanceof Error || mayReadDistrict(caller, e.districtCode)
          ? e
          : outsideDistricts(`Equipment ${codes[i]}`),
      ),
    ),
    inspections: byArguments(
      (last: number) => new DataLoader((codes: readonly string[]) => port.inspectionsByEquipment(codes, last)),
    ),
    hazards: byArguments(
      (filter: HazardFilter) => new DataLoader((codes: readonly string[]) => port.hazardsByEquipment(codes, filter)),
    ),
    usedEquipment: byArguments(
      (page: PageRequest) => new DataLoader((usccs: readonly string[]) => port.equipmentByUser(usccs, page, within)),
    ),
    enterpriseHazards: byArguments(
      ({ filter, page }: { filter: HazardFilter; page: PageRequest }) =>
        new DataLoader((usccs: readonly string[]) => port.hazardsByUser(usccs, { ...filter, within }, page)),
    ),
    districtStatistics: new DataLoader(async (days: readonly string[]) =>
      Promise.all(days.map((day) => statistics.get(day))),
    ),
  };
}
