/**
 * Planted maintenance-quality cases (README "Maintenance quality"): visits of a quarterly or longer kind
 * that leave out their period's items (signed with the items of the next shorter kind), visits shorter
 * than the minimum for the items signed (one exactly one minute short), and near-misses on both sides:
 * a visit lasting exactly the minimum, and one doing every required item plus one more.
 */
import type { SeedContext } from './context.ts';
import { ITEMS, type MaintenanceLog } from './maintenance.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { MaintenanceKind, WorldMaintenance } from './world.ts';

const SHORTER: Partial<Record<MaintenanceKind, MaintenanceKind>> = {
  QUARTERLY: 'HALF_MONTHLY',
  HALF_YEARLY: 'QUARTERLY',
  YEARLY: 'HALF_YEARLY',
};

const minimum = (r: WorldMaintenance) => RULES.maintenanceMinutesPerItem * r.items.length;

export function plantMaintenanceQuality(ctx: SeedContext, log: MaintenanceLog): void {
  const random = ctx.random('maintenance-quality');
  const count = Math.max(2, Math.round(log.records.length * PLANT_RATES.maintenanceQuality));
  const periodic = log.records.filter((r) => SHORTER[r.kind] !== undefined);
  const chosen = random.sample(periodic, Math.min(periodic.length, count + 1));
  const missing = chosen.slice(0, count);
  for (const r of missing) {
    r.items = ITEMS[SHORTER[r.kind]!] as string[];
    ctx.planted.maintenanceQuality.push({ id: r.id, reason: 'MISSING_ITEMS' });
  }
  // Near-miss: every required item, in another order, and one more.
  const extra = chosen[count];
  if (extra) {
    extra.items = [...ITEMS[extra.kind]].reverse().concat('轿厢照明');
    ctx.planted.maintenanceQualityNearMisses.push(extra.id);
  }
  const taken = new Set(chosen.map((r) => r.id));
  const rest = log.records.filter((r) => !taken.has(r.id));
  const timed = random.sample(rest, Math.min(rest.length, count + 2));
  timed.forEach((r, i) => {
    if (i === count + 1) {
      r.durationMinutes = minimum(r); // exactly the minimum: not too short
      ctx.planted.maintenanceQualityNearMisses.push(r.id);
      return;
    }
    r.durationMinutes = i === count ? minimum(r) - 1 : Math.max(1, minimum(r) - random.int(2, 20));
    ctx.planted.maintenanceQuality.push({ id: r.id, reason: 'TOO_SHORT' });
  });
}
