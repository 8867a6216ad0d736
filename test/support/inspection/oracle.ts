/**
 * Test-only: what the adapter should answer, computed straight from the World the exchange
 * database was seeded from, independently of the SQL. Tests compare the two.
 */
import { CATEGORY_BY_TOP } from '../../../reference/index.ts';
import type { World, WorldEquipment, WorldHazard } from '../../../legacy/seed/world.ts';
import type { DistrictEquipmentStats } from '../../../adapters/inspection/types.ts';

export const served = (world: World): WorldEquipment[] => world.equipment.filter((e) => !e.deleted);

const isOpen = (h: WorldHazard) => h.status === 'FOUND' || h.status === 'RECTIFYING';

export function expectedHazards(world: World, keep: (h: WorldHazard, e: WorldEquipment) => boolean): WorldHazard[] {
  const byCode = new Map(served(world).map((e) => [e.registrationCode, e]));
  return world.hazards.filter((h) => byCode.has(h.registrationCode) && keep(h, byCode.get(h.registrationCode)!));
}

export function expectedStatistics(world: World): Map<string, DistrictEquipmentStats> {
  const out = new Map<string, DistrictEquipmentStats>();
  const latest = new Map<string, { date: string; id: string; due: string }>();
  for (const i of world.inspections) {
    const seen = latest.get(i.registrationCode);
    if (!seen || i.date > seen.date || (i.date === seen.date && i.id > seen.id))
      latest.set(i.registrationCode, { date: i.date, id: i.id, due: i.nextDueOn });
  }
  const inUse = served(world).filter((e) => e.status === 'IN_USE');
  const open = expectedHazards(world, (h) => isOpen(h));
  const districtOf = new Map(served(world).map((e) => [e.registrationCode, e.district]));
  const yearBefore = `${Number(world.asOf.slice(0, 4)) - 1}${world.asOf.slice(4)}`;
  const found = expectedHazards(world, (h) => h.foundOn >= yearBefore && h.foundOn <= world.asOf);
  for (const district of new Set(world.equipment.map((e) => e.district))) {
    const here = inUse.filter((e) => e.district === district);
    const hazards = open.filter((h) => districtOf.get(h.registrationCode) === district);
    const byCategory: Record<string, number> = {};
    for (const e of here) {
      const category = CATEGORY_BY_TOP[e.catalogueCode[0]!]!.category;
      byCategory[category] = (byCategory[category] ?? 0) + 1;
    }
    out.set(district, {
      districtCode: district,
      equipmentInUse: here.length,
      inUseByCategory: byCategory,
      elevatorsInUse: byCategory.ELEVATOR ?? 0,
      inspectionsOverdue: here.filter((e) => (latest.get(e.registrationCode)?.due ?? '') < world.asOf).length,
      openHazardsByLevel: {
        GENERAL: hazards.filter((h) => h.level === 'GENERAL').length,
        MAJOR: hazards.filter((h) => h.level === 'MAJOR').length,
      },
      rectificationsOverdue: hazards.filter((h) => h.deadline < world.asOf).length,
      supervisedOpenHazards: hazards.filter((h) => h.supervised).length,
      hazardsFoundLastYear: found.filter((h) => districtOf.get(h.registrationCode) === district).length,
      hazardsClosedLastYear: found.filter(
        (h) => districtOf.get(h.registrationCode) === district && h.status === 'VERIFIED',
      ).length,
    });
  }
  return out;
}
