/**
 * Hazards (隐患) found in the last year on in-use equipment and their closed-loop rectification. Closed
 * ones were closed by their deadline; open ones are still within it, except the planted overdue ones.
 * Major hazards carry a supervision order (安全监察指令书); some open ones are under 挂牌督办.
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isInUse } from './inspections.ts';
import type { Random } from './random.ts';
import { PLANT_RATES } from './rules.ts';
import type { HazardLevel, HazardStatus, WorldHazard } from './world.ts';

const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  '3': [
    '制动器制动力不足',
    '层门锁紧装置失效',
    '限速器校验超期',
    '轿厢意外移动保护装置缺失',
    '曳引钢丝绳断丝超标',
    '紧急报警装置不能有效应答',
  ],
  '2': ['安全阀未按期校验', '压力表失效', '容器壁厚减薄超标', '超压运行'],
  '4': ['起升高度限位器失效', '钢丝绳磨损超标', '制动器失灵', '防坠安全器超期'],
  other: ['安全附件失效', '作业人员无证上岗', '未按规定定期检验', '安全管理制度缺失'],
};
const HAZARDS_PER_EQUIPMENT = 0.04;
const MAJOR_SHARE = 0.08;
/** Days a rectification order gives: a month for major hazards, two for general ones. */
const DEADLINE_DAYS: Readonly<Record<HazardLevel, number>> = { MAJOR: 30, GENERAL: 60 };

export function createHazards(ctx: SeedContext, registry: Registry): WorldHazard[] {
  const random = ctx.random('hazards');
  const hazards: WorldHazard[] = [];
  let orders = 0;
  for (const e of registry.equipment) {
    if (!isInUse(e) || !random.chance(HAZARDS_PER_EQUIPMENT)) continue;
    // The first few hazards are open major ones under supervision, so every figure has cases at the test scale.
    const first = hazards.length < 4;
    const level: HazardLevel = first || random.chance(MAJOR_SHARE) ? 'MAJOR' : 'GENERAL';
    const period = DEADLINE_DAYS[level];
    const id = `YH${String(hazards.length + 1).padStart(8, '0')}`;
    const overdue = hazards.length === 1 || random.chance(PLANT_RATES.overdueRectifications);
    const foundDay = overdue
      ? ctx.asOfDay - period - random.int(1, 120)
      : ctx.asOfDay - random.int(1, first ? period - 1 : 365);
    const deadlineDay = foundDay + period;
    const open = overdue || (deadlineDay >= ctx.asOfDay && (first || random.chance(0.6)));
    const status: HazardStatus = open
      ? random.pick(['FOUND', 'RECTIFYING'] as const)
      : random.chance(0.1) && deadlineDay >= ctx.asOfDay - 30
        ? 'RECTIFIED'
        : 'VERIFIED';
    const supervised = level === 'MAJOR' && open && (first || random.chance(PLANT_RATES.supervisedMajorHazards));
    hazards.push({
      id,
      registrationCode: e.registrationCode,
      foundOn: isoDate(foundDay),
      level,
      description: random.pick(DESCRIPTIONS[e.catalogueCode[0]!] ?? DESCRIPTIONS.other!),
      source: random.weighted({ INSPECTION: 60, SUPERVISION: 20, REPORT: 10, MONITORING: 10 }),
      deadline: isoDate(deadlineDay),
      status,
      closedOn: open ? null : isoDate(foundDay + random.int(1, Math.min(period, ctx.asOfDay - foundDay))),
      orderNumber:
        level === 'MAJOR' || random.chance(0.2)
          ? `沪市监特令〔${isoDate(foundDay).slice(0, 4)}〕${String(++orders).padStart(5, '0')}号`
          : null,
      supervised,
    });
    if (overdue) ctx.planted.overdueRectifications.push(id);
    if (supervised) ctx.planted.supervisedMajorHazards.push(id);
  }
  stopForMajorHazards(ctx, random, registry, hazards);
  // The edge of the closure-rate year: found on the same date a year before asOf (in the year) and the day
  // before it (out), both closed.
  const yearBefore = toDay(addYears(ctx.asOf, -1));
  const inUse = registry.equipment.filter(isInUse);
  for (const foundDay of [yearBefore, yearBefore - 1]) {
    const e = random.pick(inUse);
    hazards.push({
      id: `YH${String(hazards.length + 1).padStart(8, '0')}`,
      registrationCode: e.registrationCode,
      foundOn: isoDate(foundDay),
      level: 'GENERAL',
      description: random.pick(DESCRIPTIONS[e.catalogueCode[0]!] ?? DESCRIPTIONS.other!),
      source: 'INSPECTION',
      deadline: isoDate(foundDay + DEADLINE_DAYS.GENERAL),
      status: 'VERIFIED',
      closedOn: isoDate(foundDay + random.int(1, DEADLINE_DAYS.GENERAL)),
      orderNumber: null,
      supervised: false,
    });
  }
  return hazards;
}

/**
 * A major hazard stops its equipment until rectified and re-inspected (DOMAIN.md "Hazards"): the equipment
 * of every open major hazard is SUSPENDED, except the planted few still in use. Stopped equipment leaves the
 * planted lists that count equipment in use only (old residential elevators, overdue inspections).
 */
function stopForMajorHazards(ctx: SeedContext, random: Random, registry: Registry, hazards: WorldHazard[]): void {
  const open = hazards.filter((h) => h.level === 'MAJOR' && (h.status === 'FOUND' || h.status === 'RECTIFYING'));
  const stillInUse = new Set(
    random.sample(open, Math.max(1, Math.round(open.length * PLANT_RATES.majorHazardsInUse))).map((h) => h.id),
  );
  const stopped = new Set<string>();
  for (const h of open) {
    if (stillInUse.has(h.id)) continue;
    registry.byCode.get(h.registrationCode)!.status = 'SUSPENDED';
    stopped.add(h.registrationCode);
  }
  for (const h of open) {
    if (stillInUse.has(h.id) && !stopped.has(h.registrationCode)) ctx.planted.majorHazardsInUse.push(h.id);
  }
  const keep = (codes: string[]) => codes.filter((c) => !stopped.has(c));
  ctx.planted.oldResidentialElevators = keep(ctx.planted.oldResidentialElevators);
  ctx.planted.overdueInspections = keep(ctx.planted.overdueInspections);
}
