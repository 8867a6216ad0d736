import { describe, expect, it } from 'vitest';
import { MINUTES_PER_ITEM, judgeVisit } from './maintenance-quality.ts';

const HALF_MONTHLY = ['机房环境', '曳引机运行', '制动器动作', '层门和轿门', '紧急报警装置'];
const QUARTERLY = [...HALF_MONTHLY, '限速器轮槽', '缓冲器'];

describe('the maintenance-quality rule', () => {
  it('a visit of a period must list its own items and every shorter period’s, in any order, extras allowed', () => {
    expect(
      judgeVisit({ kind: 'QUARTERLY', items: [...QUARTERLY].reverse().concat('轿厢照明'), durationMinutes: 90 }),
    ).toBeNull();
    expect(judgeVisit({ kind: 'QUARTERLY', items: HALF_MONTHLY, durationMinutes: 90 })).toEqual({
      reasons: ['MISSING_ITEMS'],
      missingItems: ['限速器轮槽', '缓冲器'],
      minimumMinutes: 5 * MINUTES_PER_ITEM,
    });
    expect(judgeVisit({ kind: 'YEARLY', items: QUARTERLY, durationMinutes: 90 })?.missingItems).toEqual([
      '曳引钢丝绳',
      '对重块',
      '绝缘电阻测试',
      '上行超速保护',
    ]);
  });

  it('too short below the minutes per item signed; exactly the minimum is not', () => {
    const minimum = MINUTES_PER_ITEM * HALF_MONTHLY.length;
    expect(judgeVisit({ kind: 'HALF_MONTHLY', items: HALF_MONTHLY, durationMinutes: minimum })).toBeNull();
    expect(judgeVisit({ kind: 'HALF_MONTHLY', items: HALF_MONTHLY, durationMinutes: minimum - 1 })?.reasons).toEqual([
      'TOO_SHORT',
    ]);
  });
});
