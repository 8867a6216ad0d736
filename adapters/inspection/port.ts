/**
 * What the inspection subgraph may ask of the inspection system. Batch-shaped: results align with
 * the keys, a key's failure (LEGACY_BAD_DATA) is an Error in its place, not a failed batch.
 */
import type {
  DistrictEquipmentStats,
  Equipment,
  EquipmentFilter,
  Hazard,
  HazardFilter,
  InspectionRecord,
  PageOf,
  PageRequest,
} from './types.ts';

export interface InspectionPort {
  /** The registry row of each code; null when not on record (or soft-deleted). */
  equipmentByCode(codes: readonly string[]): Promise<(Equipment | null | Error)[]>;
  /** The `last` most recent inspections of each piece of equipment, newest first. */
  inspectionsByEquipment(codes: readonly string[], last: number): Promise<(InspectionRecord[] | Error)[]>;
  /** Hazards of each piece of equipment matching the filter, newest first. */
  hazardsByEquipment(codes: readonly string[], filter: HazardFilter): Promise<(Hazard[] | Error)[]>;
  /** One page of the equipment each user unit uses, ordered by code; only in `within`'s districts when given. */
  equipmentByUser(
    usccs: readonly string[],
    page: PageRequest,
    within?: readonly string[],
  ): Promise<(PageOf<Equipment | Error> | Error)[]>;
  /** One page of hazards on the equipment each user unit uses, newest first. */
  hazardsByUser(
    usccs: readonly string[],
    filter: HazardFilter,
    page: PageRequest,
  ): Promise<(PageOf<Hazard | Error> | Error)[]>;
  /** Counts per today's district, computed in the database; `asOf` (YYYY-MM-DD) judges "overdue". */
  districtStatistics(asOf: string): Promise<Map<string, DistrictEquipmentStats>>;
  searchEquipment(filter: EquipmentFilter, page: PageRequest): Promise<PageOf<Equipment | Error>>;
  searchHazards(filter: HazardFilter, page: PageRequest): Promise<PageOf<Hazard | Error>>;
  close(): Promise<void>;
}
