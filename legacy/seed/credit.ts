/**
 * The credit system's history: a full snapshot RULES.creditSnapshotDaysBeforeAsOf days before asOf and
 * the daily increments after it (new, changed and removed enterprises, risk-class changes, late annual
 * reports, penalties, abnormal-list entries and removals). The world's enterprises are what applying
 * the increments to the snapshot gives.
 */
import type { SeedContext } from './context.ts';
import { isoDate, toDay } from './dates.ts';
import { authorityOf, districtName, isEnterprise } from './enterprises.ts';
import { annualReportsAndListings } from './annual-reports.ts';
import type { Participants } from './participants.ts';
import { type Random } from './random.ts';
import { RULES } from './rules.ts';
import type {
  CreditChange,
  CreditState,
  RiskClass,
  WorldAbnormalListing,
  WorldCredit,
  WorldEnterprise,
  WorldPenalty,
  WorldSeriousViolation,
} from './world.ts';

const CLASS_WEIGHTS: Readonly<Record<RiskClass, number>> = { A: 40, B: 45, C: 10, D: 5 };
const VIOLATIONS = [
  '未按规定进行电梯维护保养',
  '使用未经定期检验的特种设备',
  '未按规定办理使用登记',
  '特种设备作业人员未持证上岗',
  '超出许可范围从事生产活动',
  '未按规定报告事故隐患',
];

/** Final (asOf) risk class of every enterprise that exists on asOf; public institutions are not classed. */
export function assignRiskClasses(
  ctx: SeedContext,
  enterprises: readonly WorldEnterprise[],
): Record<string, RiskClass> {
  const random = ctx.random('risk-classes');
  return Object.fromEntries(enterprises.filter(isEnterprise).map((e) => [e.uscc, random.weighted(CLASS_WEIGHTS)]));
}

/** Changes of one generated history, dated; sorted at the end so a new enterprise comes before its rows. */
type Dated = { change: CreditChange; order: number };
const ORDER: Readonly<Record<CreditChange['kind'], number>> = {
  upsertEnterprise: 0,
  riskClass: 1,
  annualReport: 1,
  penalty: 1,
  abnormal: 1,
  abnormalRemoved: 2,
  removeEnterprise: 3,
};

export interface CreditInputs {
  participants: Participants;
  core: WorldEnterprise[];
  /** Licence holders and the day each was first licensed. */
  licenceHolders: ReadonlyMap<string, string>;
  finalClasses: Record<string, RiskClass>;
}

export function createCredit(ctx: SeedContext, inputs: CreditInputs): WorldCredit {
  const random = ctx.random('credit');
  const snapshotDay = ctx.asOfDay - RULES.creditSnapshotDaysBeforeAsOf;
  const snapshotOn = isoDate(snapshotDay);
  const changes: Dated[] = [];
  const change = (c: CreditChange) => changes.push({ change: c, order: ORDER[c.kind] });
  const inWindow = () => isoDate(random.int(snapshotDay + 1, ctx.asOfDay));
  const factory = inputs.participants.factory;
  const size = (share: number, min: number) => Math.max(min, Math.round(inputs.core.length * share));
  const someDistrict = () => random.pick(inputs.core).district;

  // Enterprises that leave the register and enterprises founded after the snapshot.
  const leaving = Array.from({ length: size(0.002, 2) }, () => ({
    ...factory.create({ role: 'userUnit', district: someDistrict(), suffix: '贸易有限公司', foundedBy: '2015-01-01' }),
    status: 'CANCELLED' as const,
  }));
  for (const e of leaving) change({ kind: 'removeEnterprise', on: inWindow(), uscc: e.uscc });
  for (let i = size(0.003, 3); i > 0; i--) {
    const on = inWindow();
    const e = factory.create({ role: 'userUnit', district: someDistrict(), suffix: '物业管理有限公司', foundedBy: on });
    e.establishedOn = on;
    change({ kind: 'upsertEnterprise', on, enterprise: e });
    change({ kind: 'riskClass', on, uscc: e.uscc, riskClass: random.weighted(CLASS_WEIGHTS) });
  }
  // Changed registrations: the snapshot holds the former phone and address.
  const snapshotVersion = new Map<string, WorldEnterprise>();
  for (const e of random.sample(inputs.core, size(0.003, 3))) {
    snapshotVersion.set(e.uscc, {
      ...e,
      phone: `021${String(random.int(50_000_000, 69_999_999))}`,
      registeredAddress: `${e.registeredAddress}(原址)`,
    });
    change({ kind: 'upsertEnterprise', on: inWindow(), enterprise: e });
  }

  const snapshotClasses: Record<string, RiskClass> = {};
  const classed = inputs.core.filter(isEnterprise);
  for (const e of classed) snapshotClasses[e.uscc] = inputs.finalClasses[e.uscc]!;
  for (const e of leaving) snapshotClasses[e.uscc] = random.weighted(CLASS_WEIGHTS);
  for (const e of random.sample(classed, size(0.005, 3))) {
    const final = inputs.finalClasses[e.uscc]!;
    snapshotClasses[e.uscc] = final === 'A' ? 'B' : final === 'D' ? 'C' : random.pick(['A', 'D'] as const);
    change({ kind: 'riskClass', on: inWindow(), uscc: e.uscc, riskClass: final });
  }

  const snapshotEnterprises = [...inputs.core.map((e) => snapshotVersion.get(e.uscc) ?? e), ...leaving];
  const reports = annualReportsAndListings(ctx, random, snapshotEnterprises, inputs.licenceHolders, snapshotDay);
  for (const c of reports.changes) change(c);
  const penalties = createPenalties(ctx, random, snapshotEnterprises, snapshotDay);
  for (const c of penalties.changes) change(c);
  for (const listing of unreachable(random, classed, size(0.004, 4), snapshotDay, ctx.asOfDay)) {
    if (listing.listedOn > snapshotOn) change({ kind: 'abnormal', on: listing.listedOn, listing });
    else reports.listings.push(listing);
  }

  const snapshot: CreditState = {
    enterprises: snapshotEnterprises,
    riskClasses: snapshotClasses,
    annualReports: reports.snapshot,
    penalties: penalties.snapshot,
    abnormalListings: reports.listings,
    seriousViolations: seriousViolations(ctx, random, inputs.core, inputs.finalClasses),
  };
  const increments = changes
    .map((d, i) => ({ ...d, i }))
    .sort((a, b) => (a.change.on < b.change.on ? -1 : a.change.on > b.change.on ? 1 : a.order - b.order || a.i - b.i))
    .map((d) => d.change);
  return { snapshotOn, snapshot, increments };
}

function createPenalties(
  ctx: SeedContext,
  random: Random,
  enterprises: readonly WorldEnterprise[],
  snapshotDay: number,
) {
  const snapshot: WorldPenalty[] = [];
  const changes: CreditChange[] = [];
  let serial = 0;
  enterprises.forEach((e, i) => {
    // Every 50th enterprise is penalised; the first few within the increment window.
    if (i % 50 !== 7) return;
    const day = i < 400 ? random.int(snapshotDay + 1, ctx.asOfDay) : random.int(ctx.asOfDay - 730, snapshotDay);
    const decidedOn = isoDate(day);
    const penalty: WorldPenalty = {
      decisionNumber: `沪市监${(districtName.get(e.district) ?? '').replace(/新区$|区$/, '')}处〔${decidedOn.slice(0, 4)}〕${String(++serial).padStart(6, '0')}号`,
      uscc: e.uscc,
      violationType: random.pick(VIOLATIONS),
      content: `罚款人民币${random.int(1, 30)}万元`,
      authority: authorityOf(e.district),
      decidedOn,
    };
    if (day > snapshotDay) changes.push({ kind: 'penalty', on: decidedOn, penalty });
    else snapshot.push(penalty);
  });
  return { snapshot, changes };
}

/** Enterprises not found at their registered address (reason 4): half listed before the snapshot, half after. */
function unreachable(
  random: Random,
  core: readonly WorldEnterprise[],
  count: number,
  snapshotDay: number,
  asOfDay: number,
): WorldAbnormalListing[] {
  return random.sample(core, count).map((e, i) => ({
    uscc: e.uscc,
    reason: 4,
    listedOn: isoDate(i % 2 === 0 ? random.int(snapshotDay + 1, asOfDay) : random.int(asOfDay - 700, snapshotDay)),
    listedBy: authorityOf(e.district),
    removedOn: null,
    removalReason: null,
    removedBy: null,
  }));
}

function seriousViolations(
  ctx: SeedContext,
  random: Random,
  core: readonly WorldEnterprise[],
  classes: Record<string, RiskClass>,
): WorldSeriousViolation[] {
  return core
    .filter((e) => classes[e.uscc] === 'D' && random.chance(0.05))
    .map((e) => ({
      uscc: e.uscc,
      reason: '因同一违法行为两年内受到三次以上行政处罚',
      listedOn: isoDate(random.int(ctx.asOfDay - 3 * 365 + 30, toDay(ctx.asOf) - 30)),
      listedBy: '上海市市场监督管理局',
      removedOn: null,
    }));
}
