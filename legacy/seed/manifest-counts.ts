/**
 * Per-district figures of the city overview (issue 7, question 1), counted over the world by the same
 * definitions as the manifest's lists. Districts are today's codes (`district`, never `recordedDistrict`).
 */
import { DISTRICTS } from '../../reference/districts.ts';
import { addYears } from './dates.ts';
import { inUse, oldCutoff } from './manifest-rules.ts';
import type { CreditState, HazardLevel, RiskClass, World } from './world.ts';

export interface DistrictCounts {
  /** Elevators in use (equipment row not deleted, status IN_USE). */
  elevators: number;
  /** Of those, installed before `rules.oldCutoff`. */
  elevatorsOver15Years: number;
  /** All equipment in use, elevators included. */
  equipmentInUse: number;
  /** Entries of the manifest's overdueMaintenance in the district. */
  overdueMaintenance: number;
  /** Entries of the manifest's overdueInspections in the district. */
  overdueInspections: number;
  /** Hazards FOUND or RECTIFYING on the district's equipment, by level. */
  openHazards: Record<HazardLevel, number>;
  /** Entries of the manifest's overdueRectifications in the district. */
  overdueRectifications: number;
  /** Hazards found from the same date a year before asOf to asOf (README "Hazard closure"). */
  hazardsFoundLastYear: number;
  /** Of those, closed: rectified and verified (VERIFIED). */
  hazardsClosedLastYear: number;
  /** Entrapments raised in the 24 hours before the world's clock, on the district's elevators. */
  entrapmentsLast24h: number;
  /** Of those, rescue arrivals later than the target (manifest.rescue.arrivalBreachesLast24h). */
  rescueArrivalBreachesLast24h: number;
  /** Old residential elevators in use (the manifest's oldResidentialElevators in the district). */
  oldResidentialElevators: number;
  /** Of those, with a safety assessment on record. */
  oldResidentialAssessed: number;
  /** Of those assessed, with renewal (更新) or major repair (大修) decided. */
  oldResidentialMeasureDecided: number;
  /** Lifts added to existing residential buildings (加装电梯) in use. */
  liftsAddedToExistingBuildings: number;
  /** Enterprises registered in the district (at asOf) by credit risk class. */
  enterprisesByRiskClass: Record<RiskClass, number>;
}

export interface CountInputs {
  overdueMaintenance: readonly string[];
  overdueInspections: readonly string[];
  overdueRectifications: readonly string[];
  /** Alarm ids. */
  entrapmentsLast24h: readonly string[];
  arrivalBreachesLast24h: readonly string[];
  oldResidentialElevators: readonly string[];
}

export function districtCounts(world: World, credit: CreditState, lists: CountInputs): Record<string, DistrictCounts> {
  const counts: Record<string, DistrictCounts> = Object.fromEntries(
    DISTRICTS.map((d) => [
      d.code,
      {
        elevators: 0,
        elevatorsOver15Years: 0,
        equipmentInUse: 0,
        overdueMaintenance: 0,
        overdueInspections: 0,
        openHazards: { GENERAL: 0, MAJOR: 0 },
        overdueRectifications: 0,
        hazardsFoundLastYear: 0,
        hazardsClosedLastYear: 0,
        entrapmentsLast24h: 0,
        rescueArrivalBreachesLast24h: 0,
        oldResidentialElevators: 0,
        oldResidentialAssessed: 0,
        oldResidentialMeasureDecided: 0,
        liftsAddedToExistingBuildings: 0,
        enterprisesByRiskClass: { A: 0, B: 0, C: 0, D: 0 },
      },
    ]),
  );
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  const districtOf = (code: string) => counts[equipment.get(code)!.district]!;
  const cutoff = oldCutoff(world.asOf);
  for (const e of world.equipment) if (inUse(e)) counts[e.district]!.equipmentInUse++;
  for (const e of world.elevators) {
    if (!inUse(equipment.get(e.registrationCode)!)) continue;
    districtOf(e.registrationCode).elevators++;
    if (e.installedOn < cutoff) districtOf(e.registrationCode).elevatorsOver15Years++;
    if (e.addedToExistingBuilding) districtOf(e.registrationCode).liftsAddedToExistingBuildings++;
  }
  const elevators = new Map(world.elevators.map((e) => [e.registrationCode, e]));
  for (const code of lists.oldResidentialElevators) {
    const assessment = elevators.get(code)!.safetyAssessment;
    districtOf(code).oldResidentialElevators++;
    if (assessment) districtOf(code).oldResidentialAssessed++;
    if (assessment?.decision) districtOf(code).oldResidentialMeasureDecided++;
  }
  for (const code of lists.overdueMaintenance) districtOf(code).overdueMaintenance++;
  for (const code of lists.overdueInspections) districtOf(code).overdueInspections++;
  const overdue = new Set(lists.overdueRectifications);
  const yearBefore = addYears(world.asOf, -1);
  for (const h of world.hazards) {
    if (h.status === 'FOUND' || h.status === 'RECTIFYING') districtOf(h.registrationCode).openHazards[h.level]++;
    if (overdue.has(h.id)) districtOf(h.registrationCode).overdueRectifications++;
    if (h.foundOn >= yearBefore && h.foundOn <= world.asOf) {
      districtOf(h.registrationCode).hazardsFoundLastYear++;
      if (h.status === 'VERIFIED') districtOf(h.registrationCode).hazardsClosedLastYear++;
    }
  }
  const alarms = new Map(world.alarms.map((a) => [a.id, a.registrationCode]));
  for (const id of lists.entrapmentsLast24h) districtOf(alarms.get(id)!).entrapmentsLast24h++;
  for (const id of lists.arrivalBreachesLast24h) districtOf(alarms.get(id)!).rescueArrivalBreachesLast24h++;
  for (const e of credit.enterprises) {
    const riskClass = credit.riskClasses[e.uscc];
    if (riskClass) counts[e.district]!.enterprisesByRiskClass[riskClass]++;
  }
  return counts;
}
