/**
 * What the elevator subgraph may ask of the smart-elevator platform. Batch methods return results
 * aligned with the keys: a value, null (not on record) or an Error for that key alone.
 */
import type {
  Alarm,
  AlarmFeedPage,
  AlarmQuery,
  ElevatorFilter,
  ElevatorProfile,
  MaintenanceQuery,
  MaintenanceRecord,
  PageRequest,
  Slice,
} from './types.ts';

export interface ElevatorPort {
  elevatorsByCode(codes: readonly string[]): Promise<(ElevatorProfile | null | Error)[]>;
  /** The newest maintenance record of each elevator (null when it has none). */
  lastMaintenanceByCode(codes: readonly string[]): Promise<(MaintenanceRecord | null | Error)[]>;
  searchElevators(filter: ElevatorFilter, page: PageRequest): Promise<Slice<ElevatorProfile>>;
  /** Newest first. */
  maintenanceRecords(query: MaintenanceQuery, page: PageRequest): Promise<Slice<MaintenanceRecord>>;
  /** Newest first. */
  alarms(query: AlarmQuery, page: PageRequest): Promise<Slice<Alarm>>;
  /** Alarms in arrival order after `cursor` (null: from the start). */
  alarmFeed(cursor: string | null, limit: number): Promise<AlarmFeedPage>;
}
