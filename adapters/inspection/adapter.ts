/**
 * The inspection port over the exchange database. Each method is one SQL statement through
 * LegacyCalls.run (timeout, error taxonomy, call counting), whatever the number of keys; every row
 * is mapped through the allow-list mappers, and a row that fails becomes LEGACY_BAD_DATA for its
 * key alone, logged with the key.
 */
import { type LegacyCalls } from '../core/index.ts';
import { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { InspectionPort } from './port.ts';
import {
  type Statement,
  districtStatisticsSql,
  equipmentByCodeSql,
  equipmentByUserSql,
  hazardsByEquipmentSql,
  hazardsByUserSql,
  inspectionsByEquipmentSql,
  searchEquipmentSql,
  searchHazardsSql,
} from './queries.ts';
import { type Mapped, toEquipment, toHazard, toInspection } from './records.ts';
import type { SqlClient } from './sql-client.ts';
import { foldStatistics } from './statistics.ts';
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

type Row = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : String(value));

export class SqlInspectionAdapter implements InspectionPort {
  constructor(
    private readonly client: SqlClient,
    private readonly calls: LegacyCalls,
    private readonly logger: Logger,
  ) {}

  private run(operation: string, statement: Statement, keys = 0): Promise<Row[]> {
    return this.calls.run(operation, (signal) => this.client.query<Row>(statement.text, statement.values, signal), {
      keys,
    });
  }

  /** The domain value of a row, or LEGACY_BAD_DATA naming the key, logged. */
  private mapped<T>(mapped: Mapped<T>, key: string, what: string): T | LegacyError {
    if (mapped.ok) return mapped.value;
    this.logger.warn({ system: 'inspection', key, reason: mapped.reason }, `inspection: bad ${what} row left out`);
    return new LegacyError(
      'LEGACY_BAD_DATA',
      'inspection',
      `inspection system holds a bad ${what} record for ${key}: ${mapped.reason}`,
      { key },
    );
  }

  /** Rows grouped by a key column and mapped; one bad row fails its key's whole list. */
  private listsByKey<T>(
    rows: Row[],
    keyColumn: string,
    keys: readonly string[],
    map: (r: Row) => Mapped<T>,
    what: string,
  ): (T[] | Error)[] {
    const lists = new Map<string, T[] | Error>();
    for (const row of rows) {
      const key = text(row[keyColumn]);
      const current = lists.get(key) ?? [];
      if (current instanceof Error) continue;
      const value = this.mapped(map(row), key, what);
      lists.set(key, value instanceof Error ? value : [...current, value]);
    }
    return keys.map((key) => lists.get(key) ?? []);
  }

  /** Per-key pages from a pagedPerKey statement: rows outside the page only carry the total. */
  private pagesByKey<T>(
    rows: Row[],
    keys: readonly string[],
    page: PageRequest,
    map: (r: Row) => Mapped<T>,
    what: string,
    itemKey: string,
  ) {
    const pages = new Map<string, { items: (T | Error)[]; total: number }>();
    for (const row of rows) {
      const key = text(row.page_key);
      const entry = pages.get(key) ?? { items: [], total: Number(row.total) };
      pages.set(key, entry);
      const rn = Number(row.rn);
      if (rn > page.offset && rn <= page.offset + page.limit)
        entry.items.push(this.mapped(map(row), text(row[itemKey]), what));
    }
    return keys.map((key): PageOf<T | Error> => pages.get(key) ?? { items: [], total: 0 });
  }

  private pageWithTotal<T>(rows: Row[], map: (r: Row) => Mapped<T>, what: string, itemKey: string): PageOf<T | Error> {
    const total = Number(rows[0]?.total ?? 0);
    const items = rows.filter((r) => r[itemKey] !== null).map((r) => this.mapped(map(r), text(r[itemKey]), what));
    return { items, total };
  }

  async equipmentByCode(codes: readonly string[]): Promise<(Equipment | null | Error)[]> {
    const rows = await this.run('equipmentByCode', equipmentByCodeSql(codes), codes.length);
    const byCode = new Map(rows.map((r) => [text(r.zcdm), r]));
    return codes.map((code) => {
      const row = byCode.get(code);
      return row === undefined ? null : this.mapped(toEquipment(row), code, 'equipment');
    });
  }

  async inspectionsByEquipment(codes: readonly string[], last: number): Promise<(InspectionRecord[] | Error)[]> {
    const rows = await this.run('inspectionsByEquipment', inspectionsByEquipmentSql(codes, last), codes.length);
    return this.listsByKey(rows, 'zcdm', codes, toInspection, 'inspection');
  }

  async hazardsByEquipment(codes: readonly string[], filter: HazardFilter): Promise<(Hazard[] | Error)[]> {
    const rows = await this.run('hazardsByEquipment', hazardsByEquipmentSql(codes, filter), codes.length);
    return this.listsByKey(rows, 'zcdm', codes, toHazard, 'hazard');
  }

  async equipmentByUser(
    usccs: readonly string[],
    page: PageRequest,
    within?: readonly string[],
  ): Promise<PageOf<Equipment | Error>[]> {
    const rows = await this.run('equipmentByUser', equipmentByUserSql(usccs, page, within), usccs.length);
    return this.pagesByKey(rows, usccs, page, toEquipment, 'equipment', 'zcdm');
  }

  async hazardsByUser(
    usccs: readonly string[],
    filter: HazardFilter,
    page: PageRequest,
  ): Promise<PageOf<Hazard | Error>[]> {
    const rows = await this.run('hazardsByUser', hazardsByUserSql(usccs, filter, page), usccs.length);
    return this.pagesByKey(rows, usccs, page, toHazard, 'hazard', 'yhbh');
  }

  async districtStatistics(asOf: string): Promise<Map<string, DistrictEquipmentStats>> {
    return foldStatistics(await this.run('districtStatistics', districtStatisticsSql(asOf)), this.logger);
  }

  async searchEquipment(filter: EquipmentFilter, page: PageRequest): Promise<PageOf<Equipment | Error>> {
    return this.pageWithTotal(
      await this.run('searchEquipment', searchEquipmentSql(filter, page)),
      toEquipment,
      'equipment',
      'zcdm',
    );
  }

  async searchHazards(filter: HazardFilter, page: PageRequest): Promise<PageOf<Hazard | Error>> {
    return this.pageWithTotal(
      await this.run('searchHazards', searchHazardsSql(filter, page)),
      toHazard,
      'hazard',
      'yhbh',
    );
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
