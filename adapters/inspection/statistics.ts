/**
 * Folds the GROUP BY rows of the statistics statement into one figure set per today's district:
 * retired codes add to the district that absorbed them. A row naming no Shanghai district, category
 * or level is bad data: logged and left out rather than counted somewhere wrong.
 */
import { z } from 'zod';
import type { Logger } from '../../runtime/logger.ts';
import { CATEGORY_BY_TOP, DISTRICTS, currentDistrict } from '../../reference/index.ts';
import { HAZARD_LEVEL_CODES } from './dictionaries.ts';
import type { DistrictEquipmentStats } from './types.ts';

const statisticsRow = z.object({
  metric: z.enum(['CATEGORY', 'INSPECTION_OVERDUE', 'OPEN_HAZARD', 'FOUND_HAZARD']),
  qhdm: z.string(),
  k: z.string(),
  n: z.number().int(),
  n_overdue: z.number().int(),
  n_supervised: z.number().int(),
  n_closed: z.number().int(),
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? { -readonly [J in keyof T[K]]: T[K][J] } : T[K] };

function empty(districtCode: string): Mutable<DistrictEquipmentStats> {
  return {
    districtCode,
    equipmentInUse: 0,
    inUseByCategory: {},
    elevatorsInUse: 0,
    inspectionsOverdue: 0,
    openHazardsByLevel: { GENERAL: 0, MAJOR: 0 },
    rectificationsOverdue: 0,
    supervisedOpenHazards: 0,
    hazardsFoundLastYear: 0,
    hazardsClosedLastYear: 0,
  };
}

export function foldStatistics(rows: readonly unknown[], logger: Logger): Map<string, DistrictEquipmentStats> {
  const byDistrict = new Map(DISTRICTS.map((d) => [d.code, empty(d.code)]));
  for (const raw of rows) {
    const parsed = statisticsRow.safeParse(raw);
    const row = parsed.success ? parsed.data : undefined;
    const stats = row && byDistrict.get(currentDistrict(row.qhdm.trim())?.code ?? '');
    if (!row || !stats) {
      logger.warn({ row: raw }, 'inspection statistics: row names no known district or has a bad shape; left out');
      continue;
    }
    if (row.metric === 'CATEGORY') {
      const category = CATEGORY_BY_TOP[row.k]?.category;
      if (!category) {
        logger.warn({ row: raw }, 'inspection statistics: unknown equipment category; left out');
        continue;
      }
      stats.equipmentInUse += row.n;
      stats.inUseByCategory[category] = (stats.inUseByCategory[category] ?? 0) + row.n;
      if (category === 'ELEVATOR') stats.elevatorsInUse += row.n;
    } else if (row.metric === 'INSPECTION_OVERDUE') {
      stats.inspectionsOverdue += row.n;
    } else if (row.metric === 'FOUND_HAZARD') {
      stats.hazardsFoundLastYear += row.n;
      stats.hazardsClosedLastYear += row.n_closed;
    } else {
      const level = HAZARD_LEVEL_CODES[row.k.trim()];
      if (!level) {
        logger.warn({ row: raw }, 'inspection statistics: unknown hazard level; left out');
        continue;
      }
      stats.openHazardsByLevel[level] += row.n;
      stats.rectificationsOverdue += row.n_overdue;
      stats.supervisedOpenHazards += row.n_supervised;
    }
  }
  return byDistrict;
}
