/**
 * An in-memory ElevatorPort for unit tests of the subgraph: same contract as the adapter (aligned
 * batch results, newest-first lists, per-key errors), plus a log of the batches it was asked for.
 */
import { currentDistrict } from '../../reference/index.ts';
import type { ElevatorPort } from './port.ts';
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

export interface InMemoryElevatorData {
  readonly elevators: readonly ElevatorProfile[];
  readonly maintenance: readonly MaintenanceRecord[];
  readonly alarms: readonly Alarm[];
  /** Keys answered with this error instead of a value (to test per-item failures). */
  readonly failures?: ReadonlyMap<string, Error>;
}

function slice<T>(rows: readonly T[], page: PageRequest): Slice<T> {
  return { items: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
}

export class InMemoryElevatorPort implements ElevatorPort {
  /** Every batch asked for, by method: the way tests prove there is no N+1. */
  readonly batches: { method: string; keys: readonly string[] }[] = [];
  private readonly byCode: Map<string, ElevatorProfile>;
  private readonly maintenanceNewestFirst: MaintenanceRecord[];
  private readonly alarmsNewestFirst: Alarm[];

  constructor(private readonly data: InMemoryElevatorData) {
    this.byCode = new Map(data.elevators.map((e) => [e.registrationCode, e]));
    this.maintenanceNewestFirst = [...data.maintenance].sort(
      (a, b) => b.performedAt.getTime() - a.performedAt.getTime(),
    );
    this.alarmsNewestFirst = [...data.alarms].sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime());
  }

  async elevatorsByCode(codes: readonly string[]): Promise<(ElevatorProfile | null | Error)[]> {
    this.batches.push({ method: 'elevatorsByCode', keys: [...codes] });
    return codes.map((c) => this.data.failures?.get(c) ?? this.byCode.get(c) ?? null);
  }

  async lastMaintenanceByCode(codes: readonly string[]): Promise<(MaintenanceRecord | null | Error)[]> {
    this.batches.push({ method: 'lastMaintenanceByCode', keys: [...codes] });
    return codes.map(
      (c) => this.data.failures?.get(c) ?? this.maintenanceNewestFirst.find((m) => m.registrationCode === c) ?? null,
    );
  }

  async searchElevators(filter: ElevatorFilter, page: PageRequest): Promise<Slice<ElevatorProfile>> {
    const rows = this.data.elevators.filter(
      (e) =>
        (filter.district === undefined || currentDistrict(e.recordedDistrict)?.code === filter.district) &&
        (filter.maintainerUscc === undefined || e.maintainerUscc === filter.maintainerUscc) &&
        (filter.userUscc === undefined || e.userUscc === filter.userUscc) &&
        (filter.onDemand === undefined || e.onDemand === filter.onDemand) &&
        (filter.remoteMonitoring === undefined || e.remoteMonitoring === filter.remoteMonitoring) &&
        (filter.installedOnOrBefore === undefined || e.installedOn <= filter.installedOnOrBefore),
    );
    return slice(rows, page);
  }

  async maintenanceRecords(query: MaintenanceQuery, page: PageRequest): Promise<Slice<MaintenanceRecord>> {
    const rows = this.maintenanceNewestFirst.filter(
      (m) =>
        (query.registrationCode === undefined || m.registrationCode === query.registrationCode) &&
        (query.companyUscc === undefined || m.companyUscc === query.companyUscc) &&
        (query.from === undefined || m.date >= query.from) &&
        (query.to === undefined || m.date <= query.to),
    );
    return slice(rows, page);
  }

  async alarms(query: AlarmQuery, page: PageRequest): Promise<Slice<Alarm>> {
    const rows = this.alarmsNewestFirst.filter(
      (a) =>
        (query.registrationCode === undefined || a.registrationCode === query.registrationCode) &&
        (query.kind === undefined || a.kind === query.kind) &&
        (query.raisedFrom === undefined || a.raisedAt >= query.raisedFrom) &&
        (query.raisedTo === undefined || a.raisedAt <= query.raisedTo),
    );
    return slice(rows, page);
  }

  async alarmFeed(cursor: string | null, limit: number): Promise<AlarmFeedPage> {
    const oldestFirst = [...this.alarmsNewestFirst].reverse();
    const start = cursor === null ? 0 : Number(cursor);
    const alarms = oldestFirst.slice(start, start + limit);
    return { alarms, cursor: String(start + alarms.length) };
  }
}
