/**
 * Ground truth of maintenance quality (未按技术规范维保), judged from the raw records by the reading in
 * README "Maintenance quality": a visit must do the items TSG T5002 schedules for its kind and every
 * shorter period's, and last at least RULES.maintenanceMinutesPerItem minutes per item signed.
 */
import { MAINTENANCE_SCHEDULE, RULES } from './rules.ts';
import type { MaintenanceKind, World } from './world.ts';

type QualityReason = 'MISSING_ITEMS' | 'TOO_SHORT';

export interface QualityFinding {
  id: string;
  registrationCode: string;
  companyUscc: string;
  /** Today's district of the elevator. */
  district: string;
  reasons: QualityReason[];
  /** Required items the record does not list, in schedule order. */
  missingItems: string[];
}

function required(kind: MaintenanceKind): string[] {
  const step = MAINTENANCE_SCHEDULE[kind];
  return [...(step.includes === null ? [] : required(step.includes)), ...step.adds];
}

export function maintenanceQuality(world: World): QualityFinding[] {
  const districtOf = new Map(world.equipment.map((e) => [e.registrationCode, e.district]));
  const requiredOf = new Map<MaintenanceKind, string[]>();
  const findings: QualityFinding[] = [];
  for (const r of world.maintenance) {
    let need = requiredOf.get(r.kind);
    if (!need) requiredOf.set(r.kind, (need = required(r.kind)));
    const done = new Set(r.items);
    const missingItems = need.filter((item) => !done.has(item));
    const reasons: QualityReason[] = [];
    if (missingItems.length > 0) reasons.push('MISSING_ITEMS');
    if (r.durationMinutes < RULES.maintenanceMinutesPerItem * r.items.length) reasons.push('TOO_SHORT');
    if (reasons.length === 0) continue;
    findings.push({
      id: r.id,
      registrationCode: r.registrationCode,
      companyUscc: r.companyUscc,
      district: districtOf.get(r.registrationCode)!,
      reasons,
      missingItems,
    });
  }
  return findings.sort((a, b) => a.id.localeCompare(b.id));
}
