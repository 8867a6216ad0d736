/**
 * Districts (属地监管), the one place that decides which districts a caller may see. Equipment-bound
 * data (registry, inspections, hazards, maintenance, alarms, district figures, the supervision
 * questions' rows) is limited to the caller's districts where it is read: subgraphs pass `within` to
 * their SQL statements and index filters, and test single rows with `mayReadDistrict`. Enterprise
 * register, licences and credit stay city-wide. Anything cached or precomputed for a caller is keyed
 * by `districtScopeKey`, so one caller's rows are never served to another.
 */
import { GraphQLError } from 'graphql';
import type { Caller } from '../../graph/caller.ts';
import { DISTRICTS, currentDistrict } from '../../reference/index.ts';

/** Today's district codes a caller is limited to, sorted; undefined for the whole city. */
export function districtsWithin(caller: Caller): readonly string[] | undefined {
  if (caller.districts === undefined || caller.districts.length === 0) return undefined;
  return [...new Set(caller.districts)].sort();
}

/** Whether a row recorded under `code` (today's or a retired district code) is the caller's to see. */
export function mayReadDistrict(caller: Caller, code: string | null | undefined): boolean {
  const within = districtsWithin(caller);
  if (within === undefined) return true;
  const district = code === null || code === undefined ? undefined : currentDistrict(code);
  return district !== undefined && within.includes(district.code);
}

/** The districts a caller may see, as today's codes (the whole city's when it is not limited). */
export function visibleDistrictCodes(caller: Caller): readonly string[] {
  return districtsWithin(caller) ?? DISTRICTS.map((d) => d.code);
}

/**
 * The districts a read must cover for this caller when `asked` (today's code) may narrow it: the asked
 * district when it is the caller's, none (an empty list, matching nothing) when it is not, else all the
 * caller's districts. Undefined: the whole city.
 */
export function districtsToCover(caller: Caller, asked: string | undefined): readonly string[] | undefined {
  if (asked === undefined) return districtsWithin(caller);
  return mayReadDistrict(caller, asked) ? [asked] : [];
}

/** A cache key naming the districts a read covered (undefined: the whole city); only equal keys share an answer. */
export function districtsKey(districts: readonly string[] | undefined): string {
  return districts === undefined ? '*' : [...districts].sort().join(',');
}

/** The error in place of something outside the caller's districts (its field is null). */
export function outsideDistricts(what: string): GraphQLError {
  return new GraphQLError(`${what} is outside the districts this caller may see`, {
    extensions: { code: 'FORBIDDEN', reason: 'DISTRICT' },
  });
}
