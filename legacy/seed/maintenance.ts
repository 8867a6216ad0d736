/**
 * Maintenance records of the last RULES.maintenanceHistoryDays days. Each maintainer's elevators are
 * dealt round its technician pairs and spread over the days of the cycle, so an honest pair signs
 * two or three elevators a day. Elevators eligible for on-demand maintenance may be enrolled and then
 * run on a 28-day cycle. Planted: elevators whose records stop too early, and enrolled elevators that
 * lost eligibility but kept the 28-day cycle (both overdue).
 */
import type { SeedContext } from './context.ts';
import { isoDate } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isInUse } from './inspections.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { MaintenanceKind, RiskClass, WorldElevator, WorldInspection, WorldMaintenance } from './world.ts';

const REGULAR_CYCLE_DAYS = 14;
const ON_DEMAND_CYCLE_DAYS = 28;

/** TSG T5002 items, shared (read-only) by every record of a kind to keep the city's records small. */
export const ITEMS: Readonly<Record<MaintenanceKind, readonly string[]>> = {
  HALF_MONTHLY: ['机房环境', '曳引机运行', '制动器动作', '层门和轿门', '紧急报警装置'],
  QUARTERLY: ['机房环境', '曳引机运行', '制动器动作', '层门和轿门', '紧急报警装置', '限速器轮槽', '缓冲器'],
  HALF_YEARLY: [
    '机房环境',
    '曳引机运行',
    '制动器动作',
    '层门和轿门',
    '紧急报警装置',
    '限速器轮槽',
    '缓冲器',
    '曳引钢丝绳',
    '对重块',
  ],
  YEARLY: [
    '机房环境',
    '曳引机运行',
    '制动器动作',
    '层门和轿门',
    '紧急报警装置',
    '限速器轮槽',
    '缓冲器',
    '曳引钢丝绳',
    '对重块',
    '绝缘电阻测试',
    '上行超速保护',
  ],
  ON_DEMAND: ['远程监测数据核查', '制动器动作', '层门和轿门', '紧急报警装置'],
};

export interface MaintenanceInputs {
  registry: Registry;
  teams: Map<string, (readonly string[])[]>;
  latestInspection: Map<string, WorldInspection>;
  riskClassOf: (uscc: string) => RiskClass | undefined;
}

/** Whether the elevator meets the on-demand conditions on asOf (DOMAIN.md), enrolment aside. */
function meetsOnDemandConditions(
  ctx: { asOf: string },
  e: WorldElevator,
  inspection: WorldInspection | undefined,
  riskClass: RiskClass | undefined,
): boolean {
  const inspectionValid =
    inspection !== undefined && inspection.nextDueOn >= ctx.asOf && inspection.conclusion !== 'FAIL';
  return (riskClass === 'A' || riskClass === 'B') && inspectionValid && e.remoteMonitoring && e.insured;
}

function kindOf(cycle: number): MaintenanceKind {
  return cycle % 24 === 0
    ? 'YEARLY'
    : cycle % 12 === 0
      ? 'HALF_YEARLY'
      : cycle % 6 === 0
        ? 'QUARTERLY'
        : 'HALF_MONTHLY';
}

export interface MaintenanceLog {
  records: WorldMaintenance[];
  /** Indexes into records, per maintenance company. */
  byCompany: Map<string, number[]>;
}

export function createMaintenance(ctx: SeedContext, inputs: MaintenanceInputs): MaintenanceLog {
  const random = ctx.random('maintenance');
  const log: MaintenanceLog = { records: [], byCompany: new Map() };
  const windowStart = ctx.asOfDay - RULES.maintenanceHistoryDays;
  const dealt = new Map<string, number>();
  for (const elevator of inputs.registry.elevators) {
    const company = elevator.maintainerUscc;
    const teams = inputs.teams.get(company)!;
    const n = dealt.get(company) ?? 0;
    dealt.set(company, n + 1);
    if (!isInUse(inputs.registry.byCode.get(elevator.registrationCode)!)) continue;
    const eligible = meetsOnDemandConditions(
      ctx,
      elevator,
      inputs.latestInspection.get(elevator.registrationCode),
      inputs.riskClassOf(company),
    );
    // Enrolment happened when the platform's own conditions held; credit class and inspection may have lapsed since.
    const enrollable = eligible || (elevator.remoteMonitoring && elevator.insured);
    elevator.onDemand = enrollable ? random.chance(0.25) : elevator.remoteMonitoring && random.chance(0.02);
    // Planted: an enrolled elevator that looks eligible on the platform (monitored, insured) but whose
    // maintainer's credit class or inspection no longer qualifies keeps the on-demand cycle: overdue
    // once its last visit is older than the regular interval, which only the full rule can tell.
    const lapsed = elevator.onDemand && !eligible && elevator.remoteMonitoring && elevator.insured;
    const cycleDays = elevator.onDemand && (eligible || lapsed) ? ON_DEMAND_CYCLE_DAYS : REGULAR_CYCLE_DAYS;
    const slot = Math.floor(n / teams.length);
    const allowed = elevator.onDemand && eligible ? RULES.onDemandIntervalDays : RULES.maintenanceIntervalDays;
    let last = ctx.asOfDay - (slot % cycleDays);
    if (random.chance(PLANT_RATES.overdueMaintenance)) {
      // Records stop: the last is a little or a lot too old, or (one in ten) before the window.
      last = random.chance(0.1) ? windowStart - 1 : ctx.asOfDay - allowed - random.int(1, 30);
      ctx.planted.overdueMaintenance.push(elevator.registrationCode);
    } else if (lapsed && ctx.asOfDay - last > allowed) {
      ctx.planted.overdueMaintenance.push(elevator.registrationCode);
    }
    const signers = teams[n % teams.length]!;
    const firstCycle = random.int(0, 23);
    for (let day = last, cycle = 0; day >= windowStart; day -= cycleDays, cycle++) {
      const kind = cycleDays === ON_DEMAND_CYCLE_DAYS ? 'ON_DEMAND' : kindOf(firstCycle + cycle);
      addRecord(log, {
        registrationCode: elevator.registrationCode,
        date: isoDate(day),
        kind,
        companyUscc: company,
        certificateNumbers: signers as string[],
        // Honest visits last well over the minimum for the items signed (README "Maintenance quality").
        durationMinutes: RULES.maintenanceMinutesPerItem * ITEMS[kind].length + random.int(5, 50),
        items: ITEMS[kind] as string[],
      });
    }
  }
  return log;
}

export function addRecord(log: MaintenanceLog, record: Omit<WorldMaintenance, 'id'>): WorldMaintenance {
  const full: WorldMaintenance = { id: `WB${String(log.records.length + 1).padStart(8, '0')}`, ...record };
  const index = log.records.push(full) - 1;
  const list = log.byCompany.get(record.companyUscc);
  if (list) list.push(index);
  else log.byCompany.set(record.companyUscc, [index]);
  return full;
}
