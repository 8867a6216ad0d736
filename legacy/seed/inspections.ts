/**
 * Inspections of in-use equipment: the latest one within its interval (so not overdue), sometimes the
 * one before; a planted few whose next due date has passed. Elevators are inspected yearly, some in
 * the self-testing pilot; pressure vessels every 3 years, cranes every 2.
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import { PLANT_RATES } from './rules.ts';
import type { WorldEquipment, WorldInspection } from './world.ts';

const BODIES = [
  '上海市特种设备监督检验技术研究院',
  '上海市特种设备监督检验技术研究院浦东分院',
  '上海市特种设备监督检验技术研究院嘉定分院',
  '上海交通大学特种设备检测技术有限公司',
];

function intervalYears(catalogueCode: string): number {
  return catalogueCode[0] === '2' ? 3 : catalogueCode[0] === '4' ? 2 : 1;
}

export function isInUse(e: WorldEquipment): boolean {
  return !e.deleted && e.status === 'IN_USE';
}

export interface Inspections {
  inspections: WorldInspection[];
  latest: Map<string, WorldInspection>;
}

export function createInspections(ctx: SeedContext, registry: Registry): Inspections {
  const random = ctx.random('inspections');
  const inspections: WorldInspection[] = [];
  const latest = new Map<string, WorldInspection>();
  const add = (e: WorldEquipment, day: number, years: number): WorldInspection => {
    const date = isoDate(day);
    const elevator = e.catalogueCode[0] === '3';
    const inspection: WorldInspection = {
      id: `JY${String(inspections.length + 1).padStart(8, '0')}`,
      registrationCode: e.registrationCode,
      kind:
        day - toDay(e.registeredOn) < 60 ? 'SUPERVISORY' : elevator && random.chance(0.05) ? 'SELF_TEST' : 'PERIODIC',
      date,
      body: random.pick(BODIES),
      conclusion: random.weighted({ PASS: 95, CONDITIONAL: 4, FAIL: 1 }),
      nextDueOn: addYears(date, years),
    };
    inspections.push(inspection);
    return inspection;
  };
  for (const e of registry.equipment) {
    if (!isInUse(e)) continue;
    const years = intervalYears(e.catalogueCode);
    const registeredDay = toDay(e.registeredOn);
    const spanStart = toDay(addYears(ctx.asOf, -years)) + 5;
    const overdue = random.chance(PLANT_RATES.overdueInspections) && registeredDay < spanStart - 130;
    const day = overdue
      ? spanStart - random.int(10, 120)
      : random.int(Math.max(registeredDay, spanStart), ctx.asOfDay - 1);
    const previousDay = toDay(addYears(isoDate(day), -years)) + random.int(-10, 10);
    if (previousDay > registeredDay && random.chance(0.4)) add(e, previousDay, years);
    latest.set(e.registrationCode, add(e, day, years));
    if (overdue) ctx.planted.overdueInspections.push(e.registrationCode);
  }
  return { inspections, latest };
}
