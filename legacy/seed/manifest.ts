/**
 * The ground-truth manifest: every case meeting each supervision rule in a world (planted or not),
 * the thresholds used, and per-district counts. Tests and the accuracy benchmark compare the graph's
 * answers with it. Nothing that serves the graph may read it (or this module).
 */
import type { Planted } from './context.ts';
import { applyCreditChanges } from './credit-state.ts';
import { plantedIn } from './generate.ts';
import { type DistrictCounts, districtCounts } from './manifest-counts.ts';
import {
  annualReportYears,
  lentCertificates,
  majorHazardsInUse,
  missingAnnualReports,
  oldCutoff,
  oldResidentialElevators,
  overdueInspections,
  overdueMaintenance,
  overdueRectifications,
  supervisedMajorHazards,
  unlicensedInstallations,
  unlicensedMaintenance,
} from './manifest-rules.ts';
import { type CertificateMisuse, certificateMisuse } from './manifest-lending.ts';
import { type QualityFinding, maintenanceQuality } from './manifest-quality.ts';
import { type RescueTruth, rescueTruth } from './manifest-rescue.ts';
import { RULES, type Rules } from './rules.ts';
import type { ScaleName, World, WorldSafetyAssessment } from './world.ts';

export interface Manifest {
  scale: ScaleName;
  seed: number;
  asOf: string;
  rules: Rules & { oldCutoff: string };
  /** By current district code (all 16, zeros included). */
  counts: Record<string, DistrictCounts>;
  overdueMaintenance: string[];
  lentCertificates: {
    multiCompany: string[];
    overDailyLimit: { number: string; date: string; elevators: number }[];
  } & CertificateMisuse;
  unlicensedMaintenance: { id: string; companyUscc: string }[];
  /** Elevators installed (installerUscc recorded) without a valid INSTALLATION licence covering them. */
  unlicensedInstallations: { registrationCode: string; installerUscc: string }[];
  missingAnnualReports: { year: number; usccs: string[] };
  /** Years the credit register holds any annual report for; for other years the answer is "no data". */
  annualReportYears: number[];
  overdueRectifications: string[];
  supervisedMajorHazards: string[];
  /** Open major hazards whose equipment is still in use (not stopped). */
  majorHazardsInUse: string[];
  overdueInspections: string[];
  oldResidentialElevators: string[];
  /** The safety assessment on record of each old residential elevator assessed, by registration code. */
  oldResidentialAssessments: ({ registrationCode: string } & WorldSafetyAssessment)[];
  /** Entrapment rescue: the last 24 hours, arrivals later than the target, per maintenance company. */
  rescue: RescueTruth;
  /** Maintenance records without their kind's TSG T5002 items, or too short for the items signed, by id. */
  maintenanceQuality: QualityFinding[];
  /** What the generator planted on purpose, when this is the generated object itself (null for a reloaded copy). */
  planted: Planted | null;
}

const sorted = (list: string[]) => [...list].sort();

function assessmentsOf(world: World, codes: readonly string[]): Manifest['oldResidentialAssessments'] {
  const elevators = new Map(world.elevators.map((e) => [e.registrationCode, e]));
  return codes.flatMap((registrationCode) => {
    const assessment = elevators.get(registrationCode)!.safetyAssessment;
    return assessment ? [{ registrationCode, ...assessment }] : [];
  });
}

export function buildManifest(world: World): Manifest {
  const credit = applyCreditChanges(world.credit.snapshot, world.credit.increments);
  const lent = lentCertificates(world);
  const missing = missingAnnualReports(world, credit);
  const rescue = rescueTruth(world);
  const oldResidential = sorted(oldResidentialElevators(world));
  const overdue = {
    overdueMaintenance: sorted(overdueMaintenance(world, credit)),
    overdueInspections: sorted(overdueInspections(world)),
    overdueRectifications: sorted(overdueRectifications(world)),
  };
  return {
    scale: world.scale,
    seed: world.seed,
    asOf: world.asOf,
    rules: { ...RULES, oldCutoff: oldCutoff(world.asOf) },
    counts: districtCounts(world, credit, { ...overdue, ...rescue, oldResidentialElevators: oldResidential }),
    overdueMaintenance: overdue.overdueMaintenance,
    lentCertificates: {
      multiCompany: sorted(lent.multiCompany),
      overDailyLimit: lent.overDailyLimit.sort(
        (a, b) => a.number.localeCompare(b.number) || a.date.localeCompare(b.date),
      ),
      ...certificateMisuse(world),
    },
    unlicensedMaintenance: unlicensedMaintenance(world).sort((a, b) => a.id.localeCompare(b.id)),
    unlicensedInstallations: unlicensedInstallations(world).sort((a, b) =>
      a.registrationCode.localeCompare(b.registrationCode),
    ),
    missingAnnualReports: { year: missing.year, usccs: sorted(missing.usccs) },
    annualReportYears: annualReportYears(credit),
    overdueRectifications: overdue.overdueRectifications,
    supervisedMajorHazards: sorted(supervisedMajorHazards(world)),
    majorHazardsInUse: sorted(majorHazardsInUse(world)),
    overdueInspections: overdue.overdueInspections,
    oldResidentialElevators: oldResidential,
    oldResidentialAssessments: assessmentsOf(world, oldResidential),
    rescue,
    maintenanceQuality: maintenanceQuality(world),
    planted: plantedIn(world) ?? null,
  };
}
