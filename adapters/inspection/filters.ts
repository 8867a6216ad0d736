/**
 * Filters turned into WHERE conditions. Every value travels as a bind parameter ($n); the SQL text
 * holds only column names and placeholders, so no caller's string can ever become SQL.
 */
import { CATEGORY_BY_TOP, RETIRED_DISTRICT_CODES } from '../../reference/index.ts';
import {
  HAZARD_LEVEL_CODES,
  HAZARD_STATUS_CODES,
  OPEN_HAZARD_STATUSES,
  STATUS_CODES,
  USAGE_CODES,
  codeOf,
} from './dictionaries.ts';
import type { EquipmentFilter, HazardFilter } from './types.ts';

/** Collects bind parameters and hands out their placeholders. */
export class Binds {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Today's district and every retired code that rows may still carry for it. */
export function recordedCodesOf(district: string): string[] {
  return [
    district,
    ...Object.entries(RETIRED_DISTRICT_CODES)
      .filter(([, now]) => now === district)
      .map(([old]) => old),
  ];
}

/** Every code rows may carry for any of these districts. */
export function recordedCodesOfAll(districts: readonly string[]): string[] {
  return districts.flatMap(recordedCodesOf);
}

export const compact = (isoDate: string): string => isoDate.replaceAll('-', '');

/** The ISO date `years` whole years before `isoDate`, as 'YYYYMMDD'. */
export function yearsBefore(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;
}

export function equipmentConditions(filter: EquipmentFilter, binds: Binds): string[] {
  const where = ["E.SCBZ = '0'"];
  if (filter.district !== undefined)
    where.push(`E.QHDM = ANY(${binds.add(recordedCodesOf(filter.district))}::varchar[])`);
  if (filter.within !== undefined)
    where.push(`E.QHDM = ANY(${binds.add(recordedCodesOfAll(filter.within))}::varchar[])`);
  if (filter.category !== undefined) {
    const top = Object.entries(CATEGORY_BY_TOP).find(([, c]) => c.category === filter.category)?.[0];
    where.push(`SUBSTR(E.SBLB, 1, 1) = ${binds.add(top ?? '-')}`);
  }
  if (filter.catalogueCode !== undefined) where.push(`E.SBLB = ${binds.add(filter.catalogueCode)}`);
  if (filter.usage !== undefined) where.push(`E.SYXZ = ${binds.add(codeOf(USAGE_CODES, filter.usage))}`);
  if (filter.status !== undefined) where.push(`E.ZT = ${binds.add(codeOf(STATUS_CODES, filter.status))}`);
  if (filter.userUscc !== undefined) where.push(`E.SYDW_TYSHXYDM = ${binds.add(filter.userUscc)}`);
  if (filter.minAgeYears !== undefined || filter.maxAgeYears !== undefined) {
    if (filter.asOf === undefined) throw new Error('equipment filter: an age bound needs asOf');
    if (filter.minAgeYears !== undefined)
      where.push(`E.ZZRQ <= ${binds.add(yearsBefore(filter.asOf, filter.minAgeYears))}`);
    if (filter.maxAgeYears !== undefined)
      where.push(`E.ZZRQ > ${binds.add(yearsBefore(filter.asOf, filter.maxAgeYears + 1))}`);
  }
  return where;
}

/** Conditions on hazards H joined to their (not soft-deleted) equipment E. */
export function hazardConditions(filter: HazardFilter, binds: Binds): string[] {
  const where = ["H.SCBZ = '0'", "E.SCBZ = '0'"];
  const open = OPEN_HAZARD_STATUSES.map((s) => codeOf(HAZARD_STATUS_CODES, s));
  if (filter.district !== undefined)
    where.push(`E.QHDM = ANY(${binds.add(recordedCodesOf(filter.district))}::varchar[])`);
  if (filter.within !== undefined)
    where.push(`E.QHDM = ANY(${binds.add(recordedCodesOfAll(filter.within))}::varchar[])`);
  if (filter.level !== undefined) where.push(`H.YHDJ = ${binds.add(codeOf(HAZARD_LEVEL_CODES, filter.level))}`);
  if (filter.status !== undefined) where.push(`H.YHZT = ${binds.add(codeOf(HAZARD_STATUS_CODES, filter.status))}`);
  if (filter.open === true) where.push(`H.YHZT = ANY(${binds.add(open)}::varchar[])`);
  if (filter.open === false) where.push(`NOT (H.YHZT = ANY(${binds.add(open)}::varchar[]))`);
  if (filter.overdueOn !== undefined) {
    where.push(`H.YHZT = ANY(${binds.add(open)}::varchar[])`, `H.ZGQX < ${binds.add(compact(filter.overdueOn))}`);
  }
  if (filter.supervised !== undefined) where.push(`H.GPDB = ${binds.add(filter.supervised ? '1' : '0')}`);
  if (filter.equipmentInUse !== undefined)
    where.push(`${filter.equipmentInUse ? '' : 'NOT '}(E.ZT = ${binds.add(codeOf(STATUS_CODES, 'IN_USE'))})`);
  return where;
}
