/**
 * Accuracy of the dashboards' questions against the seed's ground truth, at any scale (the city one is
 * the point: tests cover test and demo): for each question, precision and recall of what the gateway
 * answers (every page) against the manifest, and the time to read the whole answer.
 * `npx tsx bench/accuracy.ts [test|demo|city]` (default city). Not part of npm test. The stack keeps its
 * seeded data under DATA_DIR (default data/); the manifest is computed in this process from the same seed.
 * Every question runs with the graph's own defaults (limits, targets, the 15-year rule), never the
 * manifest's thresholds.
 */
import { startEmbeddedStack } from '../embedded/stack.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { buildManifest } from '../legacy/seed/manifest.ts';
import { createLogger } from '../runtime/logger.ts';
import { postGraphql } from '../test/support/graphql.ts';
import { collectAll, loadOperation } from '../test/support/operations.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';

const scale = process.argv[2] ?? 'city';
if (scale !== 'test' && scale !== 'demo' && scale !== 'city')
  throw new Error('usage: npx tsx bench/accuracy.ts [test|demo|city]');

type Nodes = Record<string, any>[];

const started = performance.now();
const stack = await startEmbeddedStack(
  { ...ZERO_PORTS, SEED_SCALE: scale, DATA_DIR: process.env.DATA_DIR ?? 'data', LOG_LEVEL: 'warn' },
  createLogger({ level: 'warn', name: 'accuracy' }),
);
const stackSeconds = (performance.now() - started) / 1000;
const manifestStarted = performance.now();
const world = generateWorld({ scale });
const manifest = buildManifest(world);
const manifestSeconds = (performance.now() - manifestStarted) / 1000;
const url = stack.gateway.url;

console.log(
  `scale ${scale}: stack up in ${stackSeconds.toFixed(1)} s, manifest built in ${manifestSeconds.toFixed(1)} s (first read of each question includes index builds)`,
);
console.log('| question | answered | truth | precision | recall | time s |');
console.log('|---|---:|---:|---:|---:|---:|');

/** Precision and recall of one answer (as comparable strings) against the truth. */
function report(name: string, answered: readonly string[], truth: readonly string[], ms: number): void {
  const truthSet = new Set(truth);
  const hits = answered.filter((a) => truthSet.has(a)).length;
  const precision = answered.length === 0 ? (truth.length === 0 ? 1 : 0) : hits / answered.length;
  const recall = truth.length === 0 ? 1 : hits / truth.length;
  console.log(
    `| ${name} | ${answered.length} | ${truth.length} | ${precision.toFixed(4)} | ${recall.toFixed(4)} | ${(ms / 1000).toFixed(2)} |`,
  );
}

/** Runs `read` and reports what it returns, timed. */
async function question(name: string, read: () => Promise<readonly string[]>, truth: readonly string[]): Promise<void> {
  const t = performance.now();
  try {
    const answered = await read();
    report(name, answered, truth, performance.now() - t);
  } catch (error) {
    console.log(`| ${name} | error: ${(error as Error).message.slice(0, 200)} | | | | |`);
  }
}

const all = async (
  operation: string,
  field: string,
  variables: Record<string, unknown> = {},
  pages?: { first: string; after: string },
) => (await collectAll<Record<string, any>>(url, loadOperation(operation), field, variables, pages)).nodes as Nodes;

try {
  await question(
    'OldElevatorProgramme: district figures',
    async () => {
      const body = await postGraphql(url, loadOperation('OldElevatorProgramme').query);
      if (body.errors) throw new Error(JSON.stringify(body.errors.slice(0, 2)));
      return (body.data.districts as Nodes).flatMap((d) => [
        `${d.code}|oldResidential|${d.elevatorStatistics.oldResidential}`,
        `${d.code}|assessed|${d.elevatorStatistics.oldResidentialAssessed}`,
        `${d.code}|decided|${d.elevatorStatistics.oldResidentialMeasureDecided}`,
        `${d.code}|added|${d.elevatorStatistics.addedToExistingBuildings}`,
      ]);
    },
    Object.entries(manifest.counts).flatMap(([code, c]) => [
      `${code}|oldResidential|${c.oldResidentialElevators}`,
      `${code}|assessed|${c.oldResidentialAssessed}`,
      `${code}|decided|${c.oldResidentialMeasureDecided}`,
      `${code}|added|${c.liftsAddedToExistingBuildings}`,
    ]),
  );
  await question(
    'CityOverview: district figures',
    async () => {
      const body = await postGraphql(url, loadOperation('CityOverview').query);
      if (body.errors) throw new Error(JSON.stringify(body.errors.slice(0, 2)));
      return (body.data.districts as Nodes).flatMap((d) => [
        `${d.code}|elevators|${d.elevatorStatistics.total}`,
        `${d.code}|over15|${d.elevatorStatistics.overFifteenYears}`,
        `${d.code}|overdueMaintenance|${d.elevatorStatistics.overdueMaintenance}`,
        `${d.code}|entrapments24h|${d.elevatorStatistics.entrapmentsLast24h}`,
        `${d.code}|rescueBreaches24h|${d.elevatorStatistics.rescueArrivalBreachesLast24h}`,
        `${d.code}|equipmentInUse|${d.equipmentStats.equipmentInUse}`,
        `${d.code}|inspectionsOverdue|${d.equipmentStats.inspectionsOverdue}`,
        `${d.code}|openGeneral|${d.equipmentStats.openGeneralHazards}`,
        `${d.code}|openMajor|${d.equipmentStats.openMajorHazards}`,
        `${d.code}|rectificationsOverdue|${d.equipmentStats.rectificationsOverdue}`,
        `${d.code}|hazardsFound|${d.equipmentStats.hazardsFoundLastYear}`,
        `${d.code}|hazardsClosed|${d.equipmentStats.hazardsClosedLastYear}`,
      ]);
    },
    Object.entries(manifest.counts).flatMap(([code, c]) => [
      `${code}|elevators|${c.elevators}`,
      `${code}|over15|${c.elevatorsOver15Years}`,
      `${code}|overdueMaintenance|${c.overdueMaintenance}`,
      `${code}|entrapments24h|${c.entrapmentsLast24h}`,
      `${code}|rescueBreaches24h|${c.rescueArrivalBreachesLast24h}`,
      `${code}|equipmentInUse|${c.equipmentInUse}`,
      `${code}|inspectionsOverdue|${c.overdueInspections}`,
      `${code}|openGeneral|${c.openHazards.GENERAL}`,
      `${code}|openMajor|${c.openHazards.MAJOR}`,
      `${code}|rectificationsOverdue|${c.overdueRectifications}`,
      `${code}|hazardsFound|${c.hazardsFoundLastYear}`,
      `${code}|hazardsClosed|${c.hazardsClosedLastYear}`,
    ]),
  );
  await question(
    'ClosedLoopHazards: overdue rectifications',
    async () => (await all('ClosedLoopHazards', 'overdueRectifications', { district: null })).map((h) => h.id),
    manifest.overdueRectifications,
  );
  await question(
    'ClosedLoopHazards: supervised major hazards',
    async () =>
      (
        await all(
          'ClosedLoopHazards',
          'supervisedMajorHazards',
          { district: null },
          {
            first: 'supervisedFirst',
            after: 'supervisedAfter',
          },
        )
      ).map((h) => h.id),
    manifest.supervisedMajorHazards,
  );
  await question(
    'ClosedLoopHazards: open major hazards on equipment in use',
    async () =>
      (
        await all(
          'ClosedLoopHazards',
          'majorHazardsInUse',
          { district: null },
          { first: 'inUseFirst', after: 'inUseAfter' },
        )
      ).map((h) => h.id),
    manifest.majorHazardsInUse,
  );
  await question(
    'OldResidentialElevators',
    async () => (await all('OldResidentialElevators', 'elevators', { district: null })).map((e) => e.registrationCode),
    manifest.oldResidentialElevators,
  );
  const maintainerOf = new Map(world.elevators.map((e) => [e.registrationCode, e.maintainerUscc]));
  await question(
    'MaintenanceRiskRanking: overdue per company',
    async () =>
      (await all('MaintenanceRiskRanking', 'maintenanceCompanyRanking', { district: null }))
        .filter((n) => n.overdue > 0)
        .map((n) => `${n.company.uscc}|${n.overdue}`),
    tallied(manifest.overdueMaintenance.map((code) => maintainerOf.get(code)!)),
  );
  // One read answers every reason: its time is reported once, the reasons' rows split it.
  const lendingStarted = performance.now();
  const lending = await all('CertificateLending', 'certificateLending').catch((error: Error) => {
    console.log(`| CertificateLending | error: ${error.message.slice(0, 200)} | | | | |`);
    return null;
  });
  console.log(
    `| CertificateLending: the whole answer | ${lending?.length ?? 0} | | | | ${((performance.now() - lendingStarted) / 1000).toFixed(2)} |`,
  );
  const withReason = (reason: string) =>
    (lending ?? []).filter((n) => n.reasons.includes(reason)).map((n) => n.number as string);
  const lent = manifest.lentCertificates;
  for (const [reason, truth] of [
    ['MULTI_COMPANY', lent.multiCompany],
    ['OVER_DAILY_LIMIT', [...new Set(lent.overDailyLimit.map((o) => o.number))]],
    ['NOT_EMPLOYER', lent.notEmployer],
    ['SIGNED_WHILE_INVALID', [...new Set(lent.signedWhileInvalid.map((s) => s.number))]],
    ['SIGNED_WHILE_SUSPENDED', [...new Set(lent.signedWhileSuspended.map((s) => s.number))]],
    ['WRONG_ITEM', lent.wrongItem],
    ['NOT_REGISTERED', lent.notRegistered],
  ] as const)
    await question(`CertificateLending: ${reason}`, async () => withReason(reason), truth);
  await question(
    'CertificateLending: days signed while suspended',
    async () => (lending ?? []).flatMap((n) => (n.suspendedDays as string[]).map((date) => `${n.number}|${date}`)),
    lent.signedWhileSuspended.map((s) => `${s.number}|${s.date}`),
  );
  await question(
    'UnlicensedWork: maintenance records per company',
    async () =>
      (await all('UnlicensedWork', 'unlicensedWork', { kind: 'MAINTENANCE' })).map(
        (n) => `${n.enterprise.uscc}|${n.records}`,
      ),
    tallied(manifest.unlicensedMaintenance.map((m) => m.companyUscc)),
  );
  await question(
    'UnlicensedWork: installations per company',
    async () =>
      (await all('UnlicensedWork', 'unlicensedWork', { kind: 'INSTALLATION' })).map(
        (n) => `${n.enterprise.uscc}|${n.records}`,
      ),
    tallied(manifest.unlicensedInstallations.map((i) => i.installerUscc)),
  );
  for (const reason of ['MISSING_ITEMS', 'TOO_SHORT'] as const)
    await question(
      `MaintenanceQuality: ${reason}`,
      async () =>
        (await all('MaintenanceQuality', 'maintenanceQualityFindings', { kind: reason })).map(
          (n) => n.recordId as string,
        ),
      manifest.maintenanceQuality.filter((f) => f.reasons.includes(reason)).map((f) => f.id),
    );
  await question(
    `MissingAnnualReports ${manifest.missingAnnualReports.year}`,
    async () =>
      (
        await all('MissingAnnualReports', 'licenceHoldersMissingAnnualReport', {
          year: manifest.missingAnnualReports.year,
        })
      ).map((n) => n.enterprise.uscc),
    manifest.missingAnnualReports.usccs,
  );
  await question(
    'RescuePerformance: per company (entrapments, arrived, breaches)',
    async () =>
      (await all('RescuePerformance', 'rescuePerformance', { district: null })).map(
        (n) => `${n.company.uscc}|${n.entrapments}|${n.arrived}|${n.arrivalBreaches}`,
      ),
    manifest.rescue.byMaintainer.map((m) => `${m.uscc}|${m.entrapments}|${m.arrived}|${m.arrivalBreaches}`),
  );
  for (const days of [1, 30])
    await question(
      `RescuePerformance: late rescues, ${days} day(s)`,
      async () =>
        (
          await all(
            'RescuePerformance',
            'rescueArrivalBreaches',
            { district: null, breachDays: days, first: 1 },
            {
              first: 'breachesFirst',
              after: 'breachesAfter',
            },
          )
        ).map((a) => a.id),
      days === 1 ? manifest.rescue.arrivalBreachesLast24h : manifest.rescue.arrivalBreaches,
    );
} finally {
  await stack.stop();
}

/** `uscc|count` per company from a list with one entry per case. */
function tallied(usccs: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const u of usccs) counts.set(u, (counts.get(u) ?? 0) + 1);
  return [...counts].map(([u, n]) => `${u}|${n}`);
}
