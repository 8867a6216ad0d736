/**
 * ElevatorPort over the platform's REST API: batch lookups cut into chunks within the platform's
 * cap (one call per chunk), lists read through its pages, every record checked and mapped.
 */
import { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import { DISTRICTS, RETIRED_DISTRICT_CODES } from '../../reference/index.ts';
import type { PlatformClient } from './client.ts';
import { ALARM_KIND_CODE, recordKey, toAlarm, toElevatorProfile, toMaintenanceRecord } from './mapper.ts';
import { chunk, readWindow } from './paging.ts';
import type { ElevatorPort } from './port.ts';
import { batchData, feedData, pageData } from './records.ts';
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

export interface ElevatorLimits {
  /** Records per platform page (the platform caps it at 100). */
  readonly pageSize: number;
  /** Codes per batch call (the platform caps it at 100). */
  readonly batchLimit: number;
}

const startOfDay = (date: string) => String(Date.parse(`${date}T00:00:00+08:00`));
const endOfDay = (date: string) => String(Date.parse(`${date}T23:59:59.999+08:00`));
const flag = (b: boolean) => (b ? '1' : '0');

/** Today's district code and every retired code the platform may still hold for it. */
function districtCodes(district: string): string {
  const retired = Object.entries(RETIRED_DISTRICT_CODES)
    .filter(([, current]) => current === district)
    .map(([old]) => old);
  return [district, ...retired].join(',');
}

function defined(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
}

export class ElevatorAdapter implements ElevatorPort {
  constructor(
    private readonly client: PlatformClient,
    private readonly logger: Logger,
    private readonly limits: ElevatorLimits,
  ) {}

  /** Frees the keep-alive sockets. */
  close(): void {
    this.client.close();
  }

  elevatorsByCode(codes: readonly string[]): Promise<(ElevatorProfile | null | Error)[]> {
    return this.batch(codes, 'elevatorBatch', '/openapi/v1/elevator/batch', toElevatorProfile);
  }

  lastMaintenanceByCode(codes: readonly string[]): Promise<(MaintenanceRecord | null | Error)[]> {
    return this.batch(codes, 'lastMaintenanceBatch', '/openapi/v1/maintenance/latest', toMaintenanceRecord);
  }

  searchElevators(filter: ElevatorFilter, page: PageRequest): Promise<Slice<ElevatorProfile>> {
    if (filter.district !== undefined && !DISTRICTS.some((d) => d.code === filter.district))
      return Promise.resolve({ items: [], total: 0 });
    return this.list('elevatorPage', '/openapi/v1/elevator/page', page, toElevatorProfile, {
      qxdm: filter.district === undefined ? undefined : districtCodes(filter.district),
      wbdwTyshxydm: filter.maintainerUscc,
      sydwTyshxydm: filter.userUscc,
      axwbBz: filter.onDemand === undefined ? undefined : flag(filter.onDemand),
      ycjkBz: filter.remoteMonitoring === undefined ? undefined : flag(filter.remoteMonitoring),
      azrqJs: filter.installedOnOrBefore === undefined ? undefined : endOfDay(filter.installedOnOrBefore),
    });
  }

  maintenanceRecords(query: MaintenanceQuery, page: PageRequest): Promise<Slice<MaintenanceRecord>> {
    return this.list('maintenancePage', '/openapi/v1/maintenance/page', page, toMaintenanceRecord, {
      zcdm: query.registrationCode,
      wbdwTyshxydm: query.companyUscc,
      kssj: query.from === undefined ? undefined : startOfDay(query.from),
      jssj: query.to === undefined ? undefined : endOfDay(query.to),
    });
  }

  alarms(query: AlarmQuery, page: PageRequest): Promise<Slice<Alarm>> {
    return this.list('alarmPage', '/openapi/v1/alarm/page', page, toAlarm, {
      zcdm: query.registrationCode,
      bjlx: query.kind === undefined ? undefined : ALARM_KIND_CODE[query.kind],
      kssj: query.raisedFrom === undefined ? undefined : String(query.raisedFrom.getTime()),
      jssj: query.raisedTo === undefined ? undefined : String(query.raisedTo.getTime()),
    });
  }

  async alarmFeed(cursor: string | null, limit: number): Promise<AlarmFeedPage> {
    if (cursor !== null && !/^\d{1,15}$/.test(cursor)) throw new Error(`alarmFeed: not a feed cursor: ${cursor}`);
    const data = await this.client.read({
      operation: 'alarmFeed',
      method: 'GET',
      path: '/openapi/v1/alarm/feed',
      query: { since: cursor ?? '0', limit: String(limit) },
    });
    const parsed = feedData.safeParse(data);
    if (!parsed.success) throw this.badShape('alarmFeed');
    return { alarms: parsed.data.records.map((r) => this.reported(toAlarm(r))), cursor: String(parsed.data.nextSince) };
  }

  /** One platform call per chunk; a failed chunk fails only its own keys. */
  private async batch<T>(
    codes: readonly string[],
    operation: string,
    path: string,
    map: (raw: unknown) => T | LegacyError,
  ): Promise<(T | null | Error)[]> {
    const unique = [...new Set(codes)];
    const found = new Map<string, T | null | Error>();
    await Promise.all(
      chunk(unique, this.limits.batchLimit).map(async (keys) => {
        try {
          const parsed = batchData.safeParse(
            await this.client.read({ operation, method: 'POST', path, body: { zcdmList: keys }, keys: keys.length }),
          );
          if (!parsed.success) throw this.badShape(operation);
          for (const code of parsed.data.notFound ?? []) found.set(code, null);
          for (const raw of parsed.data.records) {
            const key = recordKey(raw);
            if (key !== undefined && keys.includes(key)) found.set(key, this.reported(map(raw)));
            else
              this.logger.warn({ operation, key }, 'elevator platform sent a record for a code not asked for; dropped');
          }
          // maintenance/latest has no notFound list: it omits elevators without records. The elevator
          // batch lists every unknown code, so a code missing from both lists was lost by the platform.
          const missing =
            parsed.data.notFound === undefined ? () => null : (key: string) => this.reported(this.lost(operation, key));
          for (const key of keys) if (!found.has(key)) found.set(key, missing(key));
        } catch (error) {
          for (const key of keys) found.set(key, error as Error);
        }
      }),
    );
    return codes.map((c) => found.get(c) ?? null);
  }

  private async list<T>(
    operation: string,
    path: string,
    page: PageRequest,
    map: (raw: unknown) => T | LegacyError,
    filters: Record<string, string | undefined>,
  ): Promise<Slice<T>> {
    const window = await readWindow(page, this.limits.pageSize, async ({ pageNo, pageSize }) => {
      const data = await this.client.read({
        operation,
        method: 'GET',
        path,
        query: { ...defined(filters), pageNo: String(pageNo), pageSize: String(pageSize) },
      });
      const parsed = pageData.safeParse(data);
      if (!parsed.success) throw this.badShape(operation);
      return parsed.data;
    });
    return { total: window.total, items: window.records.map((raw) => this.reported(map(raw))) };
  }

  private reported<T>(value: T | LegacyError): T | LegacyError {
    if (value instanceof LegacyError)
      this.logger.warn({ key: value.extensions.key, reason: value.message }, 'malformed elevator platform record');
    return value;
  }

  private lost(operation: string, key: string): LegacyError {
    return new LegacyError(
      'LEGACY_BAD_DATA',
      'elevator',
      `elevator platform answered ${operation} without ${key} in records or notFound`,
      { key },
    );
  }

  private badShape(operation: string): LegacyError {
    return new LegacyError(
      'LEGACY_BAD_DATA',
      'elevator',
      `elevator platform answered ${operation} with data of an unexpected shape`,
    );
  }
}
