/**
 * Filter and size arguments of the inspection subgraph, checked before anything reaches the port:
 * identifiers through subgraphs/common/arguments.ts, ranges here, each failure BAD_USER_INPUT
 * naming the argument.
 */
import { badUserInput } from '../../graph/errors.ts';
import type {
  EquipmentFilter,
  EquipmentStatus,
  EquipmentUsage,
  HazardFilter,
  HazardLevel,
  HazardStatus,
} from '../../adapters/inspection/types.ts';
import { type EquipmentCategory, validateCatalogueCode } from '../../reference/index.ts';
import { districtArg, usccArg } from '../common/arguments.ts';

const MAX_INSPECTIONS = 20;
const MAX_AGE_YEARS = 100;

export interface EquipmentSearchInput {
  readonly district?: string | null;
  readonly category?: EquipmentCategory | null;
  readonly catalogueCode?: string | null;
  readonly usage?: EquipmentUsage | null;
  readonly status?: EquipmentStatus | null;
  readonly userUscc?: string | null;
  readonly minAgeYears?: number | null;
  readonly maxAgeYears?: number | null;
}

export interface HazardFilterInput {
  readonly district?: string | null;
  readonly level?: HazardLevel | null;
  readonly status?: HazardStatus | null;
  readonly open?: boolean | null;
  readonly overdue?: boolean | null;
  readonly supervised?: boolean | null;
  readonly equipmentInUse?: boolean | null;
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], null | undefined> };

/** Drops the entries a caller left out or set to null. */
function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Defined<T>;
}

function ageArg(value: number | null | undefined, argument: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_AGE_YEARS)
    throw badUserInput(`${argument} must be from 0 to ${MAX_AGE_YEARS}, got ${value}`, argument);
  return value;
}

export function inspectionsLastArg(last: number | null | undefined): number {
  const value = last ?? 5;
  if (!Number.isInteger(value) || value < 1 || value > MAX_INSPECTIONS)
    throw badUserInput(`last must be from 1 to ${MAX_INSPECTIONS}, got ${value}`, 'last');
  return value;
}

export function equipmentFilterArg(input: EquipmentSearchInput | null | undefined, today: string): EquipmentFilter {
  const f = input ?? {};
  const catalogue = f.catalogueCode != null ? validateCatalogueCode(f.catalogueCode) : undefined;
  if (catalogue && !catalogue.ok)
    throw badUserInput(`filter.catalogueCode: ${catalogue.reason}`, 'filter.catalogueCode');
  const minAgeYears = ageArg(f.minAgeYears, 'filter.minAgeYears');
  const maxAgeYears = ageArg(f.maxAgeYears, 'filter.maxAgeYears');
  if (minAgeYears !== undefined && maxAgeYears !== undefined && minAgeYears > maxAgeYears) {
    throw badUserInput(
      `filter.minAgeYears (${minAgeYears}) is greater than filter.maxAgeYears (${maxAgeYears})`,
      'filter.minAgeYears',
    );
  }
  return defined({
    district: f.district != null ? districtArg(f.district, 'filter.district') : undefined,
    category: f.category,
    catalogueCode: catalogue?.value.code,
    usage: f.usage,
    status: f.status,
    userUscc: f.userUscc != null ? usccArg(f.userUscc, 'filter.userUscc') : undefined,
    minAgeYears,
    maxAgeYears,
    asOf: minAgeYears !== undefined || maxAgeYears !== undefined ? today : undefined,
  });
}

export function hazardFilterArg(input: HazardFilterInput | null | undefined, today: string): HazardFilter {
  const f = input ?? {};
  return defined({
    district: f.district != null ? districtArg(f.district, 'filter.district') : undefined,
    level: f.level,
    status: f.status,
    open: f.open,
    supervised: f.supervised,
    equipmentInUse: f.equipmentInUse,
    overdueOn: f.overdue === true ? today : undefined,
  });
}
