/**
 * What the generator's steps share: the options, the day number of asOf, one random stream per step,
 * and the record of what was planted on purpose.
 */
import { Random } from './random.ts';
import type { Scale } from './scales.ts';
import type { ScaleName } from './world.ts';

export interface Planted {
  overdueMaintenance: string[];
  multiCompanyCertificates: string[];
  overDailyLimitCertificates: { number: string; date: string }[];
  /** Technician certificates the register files under another employer than the company they sign for. */
  notEmployerCertificates: string[];
  /** Technician certificates signing after they expired. */
  invalidCertificates: string[];
  /** Certificates of another item than T (电梯修理) signing elevator maintenance. */
  wrongItemCertificates: string[];
  /** Technician certificates signing on the first or the last day of a suspension (暂扣). */
  suspendedCertificates: string[];
  /** Near-misses: certificates signing the day before their suspension starts, or the day after it ends. */
  suspensionNearMisses: string[];
  /** Maintainers planted with an expired, suspended or out-of-scope repair licence (their only one). */
  unlicensedMaintainers: { uscc: string; how: 'EXPIRED' | 'SUSPENDED' | 'OUT_OF_SCOPE' }[];
  missingAnnualReports: string[];
  /** Near-miss: holders first licensed after the previous year's end, with no report for that year. */
  licensedAfterYearWithoutReport: string[];
  /** Near-miss: public institutions (12… codes) holding a licence, with no enterprise annual report (they owe none). */
  institutionLicenceHolders: string[];
  overdueRectifications: string[];
  supervisedMajorHazards: string[];
  /** Open major hazards whose equipment was not stopped. */
  majorHazardsInUse: string[];
  overdueInspections: string[];
  /** Recent elevators installed by a company with no INSTALLATION licence. */
  unlicensedInstallations: string[];
  oldResidentialElevators: string[];
  /** Entrapment alarms whose rescue arrived later than the target, or has not arrived by then. */
  rescueArrivalBreaches: string[];
  /** Maintenance records planted without their period's items, or too short for the items signed. */
  maintenanceQuality: { id: string; reason: 'MISSING_ITEMS' | 'TOO_SHORT' }[];
  /** Near-misses: records lasting exactly the minimum, or with every required item and one more. */
  maintenanceQualityNearMisses: string[];
  /** Residential elevators assessed at the 15-year boundary: installed on the cutoff day (not old), and before it (old). */
  oldElevatorBoundary: string[];
}

export interface SeedContext {
  readonly scaleName: ScaleName;
  readonly scale: Scale;
  readonly seed: number;
  readonly asOf: string;
  readonly asOfDay: number;
  readonly planted: Planted;
  /** An independent random stream for one step of the generation. */
  random(step: string): Random;
}

export function createContext(
  scaleName: ScaleName,
  scale: Scale,
  seed: number,
  asOf: string,
  asOfDay: number,
): SeedContext {
  return {
    scaleName,
    scale,
    seed,
    asOf,
    asOfDay,
    planted: {
      overdueMaintenance: [],
      multiCompanyCertificates: [],
      overDailyLimitCertificates: [],
      notEmployerCertificates: [],
      invalidCertificates: [],
      wrongItemCertificates: [],
      suspendedCertificates: [],
      suspensionNearMisses: [],
      unlicensedMaintainers: [],
      missingAnnualReports: [],
      licensedAfterYearWithoutReport: [],
      institutionLicenceHolders: [],
      overdueRectifications: [],
      supervisedMajorHazards: [],
      majorHazardsInUse: [],
      overdueInspections: [],
      unlicensedInstallations: [],
      oldResidentialElevators: [],
      rescueArrivalBreaches: [],
      maintenanceQuality: [],
      maintenanceQualityNearMisses: [],
      oldElevatorBoundary: [],
    },
    random: (step) => Random.stream(seed, step),
  };
}
