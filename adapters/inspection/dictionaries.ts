/**
 * The inspection system's dictionary codes (its T_ZD_* tables) and the enums they stand for. An
 * explicit allow-list: a code not listed here is bad data, never guessed.
 */
import type {
  EquipmentStatus,
  EquipmentUsage,
  HazardLevel,
  HazardSource,
  HazardStatus,
  InspectionConclusion,
  InspectionKind,
} from './types.ts';

export const USAGE_CODES: Readonly<Record<string, EquipmentUsage>> = {
  '01': 'RESIDENTIAL',
  '02': 'PUBLIC',
  '03': 'COMMERCIAL',
  '04': 'INDUSTRIAL',
  '05': 'OFFICE',
  '06': 'HOSPITAL',
  '07': 'SCHOOL',
  '08': 'TRANSPORT',
};
export const STATUS_CODES: Readonly<Record<string, EquipmentStatus>> = {
  '1': 'IN_USE',
  '2': 'SUSPENDED',
  '9': 'SCRAPPED',
};
export const INSPECTION_KIND_CODES: Readonly<Record<string, InspectionKind>> = {
  DQ: 'PERIODIC',
  JD: 'SUPERVISORY',
  ZX: 'SELF_TEST',
};
export const CONCLUSION_CODES: Readonly<Record<string, InspectionConclusion>> = {
  '1': 'PASS',
  '2': 'CONDITIONAL',
  '3': 'FAIL',
};
export const HAZARD_LEVEL_CODES: Readonly<Record<string, HazardLevel>> = { '1': 'GENERAL', '2': 'MAJOR' };
export const HAZARD_STATUS_CODES: Readonly<Record<string, HazardStatus>> = {
  '10': 'FOUND',
  '20': 'RECTIFYING',
  '30': 'RECTIFIED',
  '40': 'VERIFIED',
};
export const HAZARD_SOURCE_CODES: Readonly<Record<string, HazardSource>> = {
  '1': 'INSPECTION',
  '2': 'SUPERVISION',
  '3': 'REPORT',
  '4': 'MONITORING',
};

/** The code of an enum value, for filters: the reverse of a dictionary. */
export function codeOf<V extends string>(dictionary: Readonly<Record<string, V>>, value: V): string {
  const entry = Object.entries(dictionary).find(([, v]) => v === value);
  if (!entry) throw new Error(`inspection dictionary has no code for ${value}`);
  return entry[0];
}

/** Hazards not yet rectified. */
export const OPEN_HAZARD_STATUSES: readonly HazardStatus[] = ['FOUND', 'RECTIFYING'];
