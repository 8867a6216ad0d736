/** Domain types of the inspection system, as the adapter serves them: no legacy names, ISO dates. */
import type { EquipmentCategory } from '../../reference/index.ts';

export type EquipmentUsage =
  'RESIDENTIAL' | 'PUBLIC' | 'COMMERCIAL' | 'INDUSTRIAL' | 'OFFICE' | 'HOSPITAL' | 'SCHOOL' | 'TRANSPORT';
export type EquipmentStatus = 'IN_USE' | 'SUSPENDED' | 'SCRAPPED';
export type InspectionKind = 'PERIODIC' | 'SUPERVISORY' | 'SELF_TEST';
export type InspectionConclusion = 'PASS' | 'CONDITIONAL' | 'FAIL';
export type HazardLevel = 'GENERAL' | 'MAJOR';
export type HazardStatus = 'FOUND' | 'RECTIFYING' | 'RECTIFIED' | 'VERIFIED';
export type HazardSource = 'INSPECTION' | 'SUPERVISION' | 'REPORT' | 'MONITORING';

export interface Equipment {
  /** 20-digit registration code. */
  readonly code: string;
  readonly equipmentCode: string | null;
  readonly catalogueCode: string;
  readonly category: EquipmentCategory;
  readonly categoryName: string;
  /** Today's district code. */
  readonly districtCode: string;
  /** The code the record carries (a retired one on some old rows). */
  readonly recordedDistrictCode: string;
  readonly subDistrict: string | null;
  readonly address: string | null;
  readonly userUscc: string;
  readonly registeredOn: string | null;
  readonly manufacturedOn: string | null;
  readonly certificateOfUse: string | null;
  readonly usage: EquipmentUsage | null;
  readonly status: EquipmentStatus;
}

export interface InspectionRecord {
  readonly id: string;
  readonly equipmentCode: string;
  readonly kind: InspectionKind;
  readonly date: string;
  readonly body: string | null;
  readonly conclusion: InspectionConclusion;
  readonly nextDueOn: string | null;
}

export interface Hazard {
  readonly id: string;
  readonly equipmentCode: string;
  readonly foundOn: string;
  readonly level: HazardLevel;
  readonly description: string | null;
  readonly source: HazardSource | null;
  readonly deadline: string | null;
  readonly status: HazardStatus;
  readonly closedOn: string | null;
  readonly orderNumber: string | null;
  readonly supervised: boolean;
}

export interface EquipmentFilter {
  /** Today's district code; rows still carrying the retired code it absorbed are included. */
  readonly district?: string;
  /** Only equipment in these districts (today's codes; the caller's districts); none when empty. */
  readonly within?: readonly string[];
  readonly category?: EquipmentCategory;
  readonly catalogueCode?: string;
  readonly usage?: EquipmentUsage;
  readonly status?: EquipmentStatus;
  readonly userUscc?: string;
  /** Manufactured at least this many whole years before `asOf`. */
  readonly minAgeYears?: number;
  readonly maxAgeYears?: number;
  /** The day ages are judged against (YYYY-MM-DD); required with an age bound. */
  readonly asOf?: string;
}

export interface HazardFilter {
  readonly district?: string;
  /** Only hazards on equipment in these districts (today's codes; the caller's districts); none when empty. */
  readonly within?: readonly string[];
  readonly level?: HazardLevel;
  readonly status?: HazardStatus;
  /** Only hazards not yet rectified (FOUND or RECTIFYING). */
  readonly open?: boolean;
  /** Only open hazards whose deadline is before `asOf`. */
  readonly overdueOn?: string;
  /** Only hazards under 挂牌督办. */
  readonly supervised?: boolean;
  /** Only hazards whose equipment is (true) or is not (false) in use: a major hazard should stop it. */
  readonly equipmentInUse?: boolean;
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface DistrictEquipmentStats {
  readonly districtCode: string;
  readonly equipmentInUse: number;
  readonly inUseByCategory: Readonly<Partial<Record<EquipmentCategory, number>>>;
  readonly elevatorsInUse: number;
  /** In use, with the latest inspection's next due date before the day asked about (or never inspected). */
  readonly inspectionsOverdue: number;
  readonly openHazardsByLevel: Readonly<Record<HazardLevel, number>>;
  readonly rectificationsOverdue: number;
  readonly supervisedOpenHazards: number;
  /** Hazards found from a year before the day asked about (same date) to that day, on any equipment of the district. */
  readonly hazardsFoundLastYear: number;
  /** Of those, closed: rectified and verified (VERIFIED). */
  readonly hazardsClosedLastYear: number;
}
