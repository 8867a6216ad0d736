/**
 * The ground-truth manifest: every case meeting each supervision rule in a world (planted or not),
 * the thresholds used, and per-district counts. Tests and the accuracy benchmark compare the graph's
 * answers with it. Nothing that serves the graph may read it (or this module).
 */
import { DISTRICTS } from '../../reference/districts.ts';
import type { Planted } from './context.ts';
import { applyCreditChanges } from './credit-state.ts';
import { plantedIn } from './generate.ts';
import {
  inUse, lentCertificates, missingAnnualReports, oldCutoff, oldResidentialElevators, overdueInspections,
  overdueMaintenance, overdueRectifications, supervisedMajorHazards, unlicensedMaintenance,
} from './manifest-rules.ts';
import { RULES, type Rules } from './rules.ts';
import type { ScaleName, World } from './world.ts';

export interface DistrictCounts {
  /** Elevators in use (equipment row not deleted, status IN_USE). */
  elevators: number;
  /** Of those, installed before `rules.oldCutoff`. */
  elevatorsOver15Years: number;
  /** All equipment in use, elevators included. */
  equipmentInUse: number;
}

export interface Manifest {
  scale: ScaleName;
  seed: number;
  asOf: string;
  rules: Rules & { oldCutoff: string };
  /** By current district code (all 16, zeros included). */
  counts: Record<string, DistrictCounts>;
  overdueMaintenance: string[];
  lentCertificates: { multiCompany: string[]; overDailyLimit: { number: string; date: string; elevators: number }[] };
  unlicensedMaintenance: { id: string; companyUscc: string }[];
  missingAnnualReports: { year: number; usccs: string[] };
  overdueRectifications: string[];
  supervisedMajorHazards: string[];
  overdueInspections: string[];
  oldResidentialElevators: string[];
  /** What the generator planted on purpose, when this is the generated object itself (null for a reloaded copy). */
  planted: Planted | null;
}

const sorted = (list: string[]) => [...list].sort();

export function buildManifest(world: World): Manifest {
  const credit = applyCreditChanges(world.credit.snapshot, world.credit.increments);
  const lent = lentCertificates(world);
  const missing = missingAnnualReports(world, credit);
  return {
    scale: world.scale,
    seed: world.seed,
    asOf: world.asOf,
    rules: { ...RULES, oldCutoff: oldCutoff(world.asOf) },
    counts: districtCounts(world),
    overdueMaintenance: sorted(overdueMaintenance(world, credit)),
    lentCertificates: {
      multiCompany: sorted(lent.multiCompany),
      overDailyLimit: lent.overDailyLimit.sort((a, b) => a.number.localeCompare(b.number) || a.date.localeCompare(b.date)),
    },
    unlicensedMaintenance: unlicensedMaintenance(world).sort((a, b) => a.id.localeCompare(b.id)),
    missingAnnualReports: { year: missing.year, usccs: sorted(missing.usccs) },
    overdueRectifications: sorted(overdueRectifications(world)),
    supervisedMajorHazards: sorted(supervisedMajorHazards(world)),
    overdueInspections: sorted(overdueInspections(world)),
    oldResidentialElevators: sorted(oldResidentialElevators(world)),
    planted: plantedIn(world) ?? null,
  };
}

function districtCounts(world: World): Record<string, DistrictCounts> {
  const counts: Record<string, DistrictCounts> = Object.fromEntries(DISTRICTS.map((d) => [d.code, { elevators: 0, elevatorsOver15Years: 0, equipmentInUse: 0 }]));
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  const cutoff = oldCutoff(world.asOf);
  for (const e of world.equipment) if (inUse(e)) counts[e.district]!.equipmentInUse++;
  for (const e of world.elevators) {
    const row = equipment.get(e.registrationCode)!;
    if (!inUse(row)) continue;
    counts[row.district]!.elevators++;
    if (e.installedOn < cutoff) counts[row.district]!.elevatorsOver15Years++;
  }
  return counts;
}
