/** The credit subgraph's own arguments: filters and report years, refused with BAD_USER_INPUT naming what is wrong. */
import { badUserInput } from '../../graph/errors.ts';
import type { EnterpriseFilter, EnterpriseStatus, RiskClass } from '../../adapters/credit/types.ts';
import { shanghaiDate, type Clock } from '../../runtime/clock.ts';
import { districtArg } from '../common/arguments.ts';

export interface FilterInput {
  readonly nameContains?: string | null;
  readonly district?: string | null;
  readonly riskClass?: RiskClass | null;
  readonly status?: EnterpriseStatus | null;
}

const MAX_NAME_FRAGMENT = 50;

export function filterArg(input: FilterInput | null | undefined): EnterpriseFilter {
  if (!input) return {};
  const name = input.nameContains?.trim();
  if (name !== undefined && (name.length === 0 || name.length > MAX_NAME_FRAGMENT)) {
    throw badUserInput(`filter.nameContains must be 1 to ${MAX_NAME_FRAGMENT} characters`, 'filter.nameContains');
  }
  return {
    ...(name === undefined ? {} : { nameContains: name }),
    ...(input.district == null ? {} : { district: districtArg(input.district, 'filter.district') }),
    ...(input.riskClass == null ? {} : { riskClass: input.riskClass }),
    ...(input.status == null ? {} : { status: input.status }),
  };
}

/** Annual reports exist from the register's first year; the current year's is not due until next year. */
export function reportYearArg(year: number, clock: Clock): number {
  const lastClosed = Number(shanghaiDate(clock.now()).slice(0, 4)) - 1;
  if (!Number.isInteger(year) || year < 1990 || year > lastClosed) {
    throw badUserInput(`year must be a finished report year from 1990 to ${lastClosed}, got ${year}`, 'year');
  }
  return year;
}
