/**
 * The maintenance-quality rule of the graph (未按技术规范维保; the seed's manifest states it independently,
 * for tests; the reading both follow is legacy/seed/README.md "Maintenance quality"): a visit must do the
 * items TSG T5002 schedules for its kind and for every shorter period, and last at least MINUTES_PER_ITEM
 * minutes per item it signs.
 */
import type { MaintenanceKind } from '../../adapters/elevator/types.ts';

export type QualityReason = 'MISSING_ITEMS' | 'TOO_SHORT';

/**
 * Minutes a visit needs per item signed: an assumption (T5002 sets no duration), 25 minutes for a
 * half-monthly visit of five items, 55 for a yearly one.
 */
export const MINUTES_PER_ITEM = 5;

const HALF_MONTHLY = ['机房环境', '曳引机运行', '制动器动作', '层门和轿门', '紧急报警装置'];
const QUARTERLY = [...HALF_MONTHLY, '限速器轮槽', '缓冲器'];
const HALF_YEARLY = [...QUARTERLY, '曳引钢丝绳', '对重块'];

/** TSG T5002 appendices A–D: each period's visit does its own items and every shorter period's. */
const REQUIRED_ITEMS: Readonly<Record<MaintenanceKind, readonly string[]>> = {
  HALF_MONTHLY,
  QUARTERLY,
  HALF_YEARLY,
  YEARLY: [...HALF_YEARLY, '绝缘电阻测试', '上行超速保护'],
  ON_DEMAND: ['远程监测数据核查', '制动器动作', '层门和轿门', '紧急报警装置'],
};

export interface QualityJudgement {
  readonly reasons: readonly QualityReason[];
  /** Required items the record does not list, in schedule order. */
  readonly missingItems: readonly string[];
  readonly minimumMinutes: number;
}

/** What is wrong with a visit, or null when nothing is. */
export function judgeVisit(visit: {
  readonly kind: MaintenanceKind;
  readonly items: readonly string[];
  readonly durationMinutes: number;
}): QualityJudgement | null {
  const done = new Set(visit.items);
  const missingItems = REQUIRED_ITEMS[visit.kind].filter((item) => !done.has(item));
  const minimumMinutes = MINUTES_PER_ITEM * visit.items.length;
  const reasons: QualityReason[] = [];
  if (missingItems.length > 0) reasons.push('MISSING_ITEMS');
  if (visit.durationMinutes < minimumMinutes) reasons.push('TOO_SHORT');
  return reasons.length === 0 ? null : { reasons, missingItems, minimumMinutes };
}
