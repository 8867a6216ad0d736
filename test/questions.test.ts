/**
 * The dashboards' questions (docs/operations) against the seed's ground truth, through the real
 * gateway over the embedded stack, at the test and demo scales: every case the manifest lists is found
 * and nothing else is (precision and recall 1.0), and each question costs a bounded number of legacy
 * calls per system, whatever the number of rows (no fan-out per item).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../adapters/core/calls.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { type Manifest, buildManifest } from '../legacy/seed/manifest.ts';
import type { World } from '../legacy/seed/world.ts';
import { postGraphql } from './support/graphql.ts';
import { collectAll, loadOperation } from './support/operations.ts';
import { type TestStack, startTestStack } from './support/stack.ts';

const sorted = (values: Iterable<string>) => [...values].sort();

describe.each(['test', 'demo'] as const)("the dashboards' questions at the %s scale", (scale) => {
  let stack: TestStack;
  let world: World;
  let manifest: Manifest;
  const recorder = new CallRecorder();

  beforeAll(async () => {
    stack = await startTestStack(scale, [recorder.observer]);
    world = generateWorld({ scale });
    manifest = buildManifest(world);
  }, 300_000);
  afterAll(async () => stack?.close());

  const url = () => stack.gateway.url;

  it('1 city overview: every district figure equals the ground truth, from one count per system', async () => {
    const operation = loadOperation('CityOverview');
    await postGraphql(url(), operation.query); // warm: counts and indexes are built once, then reused
    recorder.clear();
    const body = await postGraphql(url(), operation.query);
    expect(body.errors).toBeUndefined();
    const rows = body.data.districts as any[];
    expect(rows.map((d) => d.code).sort()).toEqual(Object.keys(manifest.counts).sort());
    for (const d of rows) {
      const truth = manifest.counts[d.code]!;
      expect({
        district: d.code,
        equipmentInUse: d.equipmentStats.equipmentInUse,
        elevatorsInUse: d.equipmentStats.elevatorsInUse,
        elevatorsOnPlatform: d.elevatorStatistics.total,
        overFifteenYears: d.elevatorStatistics.overFifteenYears,
        overdueMaintenance: d.elevatorStatistics.overdueMaintenance,
        inspectionsOverdue: d.equipmentStats.inspectionsOverdue,
        openHazards: { GENERAL: d.equipmentStats.openGeneralHazards, MAJOR: d.equipmentStats.openMajorHazards },
        rectificationsOverdue: d.equipmentStats.rectificationsOverdue,
        hazardsFoundLastYear: d.equipmentStats.hazardsFoundLastYear,
        hazardsClosedLastYear: d.equipmentStats.hazardsClosedLastYear,
        entrapmentsLast24h: d.elevatorStatistics.entrapmentsLast24h,
        rescueArrivalBreachesLast24h: d.elevatorStatistics.rescueArrivalBreachesLast24h,
        enterprisesByRiskClass: Object.fromEntries(
          d.creditStatistics.enterprisesByRiskClass.map((c: any) => [c.riskClass, c.count]),
        ),
      }).toEqual({
        district: d.code,
        equipmentInUse: truth.equipmentInUse,
        elevatorsInUse: truth.elevators,
        elevatorsOnPlatform: truth.elevators,
        overFifteenYears: truth.elevatorsOver15Years,
        overdueMaintenance: truth.overdueMaintenance,
        inspectionsOverdue: truth.overdueInspections,
        openHazards: truth.openHazards,
        rectificationsOverdue: truth.overdueRectifications,
        hazardsFoundLastYear: truth.hazardsFoundLastYear,
        hazardsClosedLastYear: truth.hazardsClosedLastYear,
        entrapmentsLast24h: truth.entrapmentsLast24h,
        rescueArrivalBreachesLast24h: truth.rescueArrivalBreachesLast24h,
        enterprisesByRiskClass: truth.enterprisesByRiskClass,
      });
    }
    // Warm: the figures are reused (inspection and credit counts within their maximum age, the elevator index).
    expect(recorder.calls).toEqual([]);
  });

  it('8 closed-loop hazards: exactly the overdue rectifications, supervised major hazards and major hazards on equipment in use; a page of 100 costs what a page of one does', async () => {
    const operation = loadOperation('ClosedLoopHazards');
    const overdue = await collectAll<{ id: string; rectificationOverdue: boolean; equipment: any }>(
      url(),
      operation,
      'overdueRectifications',
      { district: null },
    );
    expect(sorted(overdue.nodes.map((h) => h.id))).toEqual(manifest.overdueRectifications);
    expect(overdue.nodes.every((h) => h.rectificationOverdue && h.equipment.userUnit.uscc)).toBe(true);
    // No fan-out: a page of 100 hazards costs the legacy systems exactly what a page of one does.
    const callsFor = async (first: number) => {
      recorder.clear();
      const body = await postGraphql(url(), operation.query, { first, supervisedFirst: first, inUseFirst: first });
      expect(body.errors).toBeUndefined();
      return recorder.bySystem();
    };
    // Each legacy operation is called at most once per list (three lists; the lists' lookups share a batch
    // when they arrive in the same tick), whatever the page size.
    for (const first of [1, 100]) {
      await callsFor(first);
      const perOperation = tally(recorder.calls.map((c) => `${c.system}.${c.operation}`));
      expect(perOperation['inspection.searchHazards']).toBe(3);
      for (const [operation, calls] of Object.entries(perOperation))
        expect(calls, `${operation}, pages of ${first}`).toBeLessThanOrEqual(3);
    }
    const supervised = await collectAll<{ id: string; level: string; supervised: boolean }>(
      url(),
      operation,
      'supervisedMajorHazards',
      { district: null },
      { first: 'supervisedFirst', after: 'supervisedAfter' },
    );
    expect(sorted(supervised.nodes.map((h) => h.id))).toEqual(manifest.supervisedMajorHazards);
    const inUse = await collectAll<{ id: string }>(
      url(),
      operation,
      'majorHazardsInUse',
      { district: null },
      { first: 'inUseFirst', after: 'inUseAfter' },
    );
    expect(manifest.majorHazardsInUse.length).toBeGreaterThan(0);
    expect(sorted(inUse.nodes.map((h) => h.id))).toEqual(manifest.majorHazardsInUse);
  });

  /**
   * No fan-out per item: a page of 100 rows costs each system at most twice what a page of one row does
   * (the permit service takes 50 keys a call, so 100 keys are two calls; one call per item would be 100).
   */
  async function expectNoFanOut(name: string, variables: Record<string, unknown>) {
    const operation = loadOperation(name);
    const callsFor = async (first: number) => {
      recorder.clear();
      const body = await postGraphql(url(), operation.query, { ...operation.variables, ...variables, first });
      expect(body.errors).toBeUndefined();
      return recorder.bySystem();
    };
    const one = await callsFor(1);
    const hundred = await callsFor(100);
    for (const [system, calls] of Object.entries(hundred))
      expect(calls, `${name}: ${system}`).toBeLessThanOrEqual(2 * (one[system as keyof typeof one] ?? 0));
    return hundred;
  }

  /** Counts per key, for comparing grouped answers with the manifest's lists. */
  const tally = (keys: Iterable<string>) => {
    const counts: Record<string, number> = {};
    for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
    return counts;
  };

  it('5 certificate lending: exactly the multi-company, over-limit, other-employer, invalid, suspended, wrong-item and unknown certificates, with the default limit, holders resolved in batches', async () => {
    const { nodes } = await collectAll<any>(url(), loadOperation('CertificateLending'), 'certificateLending');
    const withReason = (reason: string) => sorted(nodes.filter((n) => n.reasons.includes(reason)).map((n) => n.number));
    const lent = manifest.lentCertificates;
    expect(withReason('NOT_EMPLOYER')).toEqual(lent.notEmployer);
    expect(withReason('WRONG_ITEM')).toEqual(lent.wrongItem);
    expect(withReason('NOT_REGISTERED')).toEqual(lent.notRegistered);
    expect(lent.signedWhileInvalid.length).toBeGreaterThan(0);
    expect(nodes.flatMap((n) => n.invalidDays.map((date: string) => ({ number: n.number, date })))).toEqual(
      lent.signedWhileInvalid,
    );
    expect(withReason('SIGNED_WHILE_INVALID')).toEqual([...new Set(lent.signedWhileInvalid.map((s) => s.number))]);
    // Suspension (暂扣): every day signed within the period, both ends in; the day before or after is not.
    expect(lent.signedWhileSuspended.length).toBeGreaterThan(0);
    expect(nodes.flatMap((n) => n.suspendedDays.map((date: string) => ({ number: n.number, date })))).toEqual(
      lent.signedWhileSuspended,
    );
    expect(withReason('SIGNED_WHILE_SUSPENDED')).toEqual([...new Set(lent.signedWhileSuspended.map((s) => s.number))]);
    for (const n of nodes.filter((row) => row.reasons.includes('SIGNED_WHILE_SUSPENDED'))) {
      expect(n.certificate.suspendedFrom <= n.suspendedDays[0]).toBe(true);
      expect(n.suspendedDays.at(-1) <= n.certificate.suspendedUntil).toBe(true);
    }
    expect(sorted(nodes.filter((n) => n.reasons.includes('MULTI_COMPANY')).map((n) => n.number))).toEqual(
      manifest.lentCertificates.multiCompany,
    );
    const overLimit = nodes.flatMap((n) =>
      n.overLimitDays.map((d: any) => ({ number: n.number, date: d.date, elevators: d.elevators })),
    );
    expect(overLimit).toEqual(manifest.lentCertificates.overDailyLimit);
    expect(nodes.every((n) => typeof n.certificate.valid === 'boolean' && n.certificate.employer.uscc)).toBe(true);
    const calls = await expectNoFanOut('CertificateLending', {});
    expect(calls.elevator ?? 0).toBe(0); // answered from the supervision index, not the platform
  });

  it('6 work without a valid licence: exactly the uncovered maintenance records and installations, per company', async () => {
    const operation = loadOperation('UnlicensedWork');
    const maintenance = await collectAll<any>(url(), operation, 'unlicensedWork', { kind: 'MAINTENANCE' });
    expect(Object.fromEntries(maintenance.nodes.map((n) => [n.enterprise.uscc, n.records]))).toEqual(
      tally(manifest.unlicensedMaintenance.map((m) => m.companyUscc)),
    );
    const installation = await collectAll<any>(url(), operation, 'unlicensedWork', { kind: 'INSTALLATION' });
    expect(Object.fromEntries(installation.nodes.map((n) => [n.enterprise.uscc, n.records]))).toEqual(
      tally(manifest.unlicensedInstallations.map((i) => i.installerUscc)),
    );
    const listed = installation.nodes.flatMap((n) => n.work.nodes.map((w: any) => w.equipment.code));
    expect(listed.every((code) => manifest.unlicensedInstallations.some((i) => i.registrationCode === code))).toBe(
      true,
    );
    const calls = await expectNoFanOut('UnlicensedWork', { kind: 'MAINTENANCE' });
    expect(calls.elevator ?? 0).toBe(0);
  });

  it('11 maintenance quality: exactly the visits without their items or too short, by reason and district', async () => {
    const operation = loadOperation('MaintenanceQuality');
    const { nodes } = await collectAll<any>(url(), operation, 'maintenanceQualityFindings', { kind: null });
    const truth = manifest.maintenanceQuality;
    expect(truth.length).toBeGreaterThan(0);
    expect(sorted(nodes.map((n) => n.recordId))).toEqual(truth.map((f) => f.id));
    const byId = new Map(truth.map((f) => [f.id, f]));
    for (const n of nodes) {
      const f = byId.get(n.recordId)!;
      expect({
        reasons: n.reasons,
        missingItems: n.missingItems,
        code: n.equipment.code,
        uscc: n.enterprise.uscc,
      }).toEqual({ reasons: f.reasons, missingItems: f.missingItems, code: f.registrationCode, uscc: f.companyUscc });
    }
    for (const reason of ['MISSING_ITEMS', 'TOO_SHORT'] as const) {
      const of = await collectAll<any>(url(), operation, 'maintenanceQualityFindings', { kind: reason });
      const expected = truth.filter((f) => f.reasons.includes(reason)).map((f) => f.id);
      expect(expected.length, reason).toBeGreaterThan(0);
      expect(sorted(of.nodes.map((n) => n.recordId)), reason).toEqual(expected);
    }
    const district = truth[0]!.district;
    const inDistrict = await collectAll<any>(url(), operation, 'maintenanceQualityFindings', { kind: null, district });
    expect(sorted(inDistrict.nodes.map((n) => n.recordId))).toEqual(
      truth.filter((f) => f.district === district).map((f) => f.id),
    );
    const calls = await expectNoFanOut('MaintenanceQuality', {});
    expect(calls.elevator ?? 0).toBe(0);
  });

  it('7 missing annual reports: exactly the licence holders that owe a report for last year', async () => {
    const { year, usccs } = manifest.missingAnnualReports;
    const { nodes } = await collectAll<any>(
      url(),
      loadOperation('MissingAnnualReports'),
      'licenceHoldersMissingAnnualReport',
      { year },
    );
    expect(usccs.length).toBeGreaterThan(0);
    expect(sorted(nodes.map((n) => n.enterprise.uscc))).toEqual(usccs);
    expect(nodes.every((n) => n.year === year && n.licenceTypes.length > 0)).toBe(true);
    const calls = await expectNoFanOut('MissingAnnualReports', { year });
    expect((calls.permit ?? 0) + (calls.elevator ?? 0)).toBe(0);
    // A year the credit feed holds no report for is no data, not every holder missing its report.
    const noData = Math.min(...manifest.annualReportYears) - 1;
    const body = await postGraphql(url(), loadOperation('MissingAnnualReports').query, { year: noData });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(`no annual-report data for ${noData}`);
  });

  it('4 maintenance risk ranking: every company with its overdue count and elevators as the ground truth has them, in order', async () => {
    const { nodes } = await collectAll<any>(
      url(),
      loadOperation('MaintenanceRiskRanking'),
      'maintenanceCompanyRanking',
      { district: null },
    );
    const inUse = new Set(
      world.equipment.filter((e) => !e.deleted && e.status === 'IN_USE').map((e) => e.registrationCode),
    );
    const maintainerOf = new Map(world.elevators.map((e) => [e.registrationCode, e.maintainerUscc]));
    const maintained = tally(world.elevators.filter((e) => inUse.has(e.registrationCode)).map((e) => e.maintainerUscc));
    const overdue = tally(manifest.overdueMaintenance.map((code) => maintainerOf.get(code)!));
    expect(Object.fromEntries(nodes.map((n) => [n.company.uscc, [n.elevatorsMaintained, n.overdue]]))).toEqual(
      Object.fromEntries(Object.entries(maintained).map(([uscc, count]) => [uscc, [count, overdue[uscc] ?? 0]])),
    );
    expect(nodes.map((n) => n.rank)).toEqual(nodes.map((_, i) => i + 1));
    expect(nodes.every((n, i) => i === 0 || nodes[i - 1].overdueRatio >= n.overdueRatio)).toBe(true);
    const calls = await expectNoFanOut('MaintenanceRiskRanking', { district: null });
    expect(calls.elevator ?? 0).toBe(0); // ranked in the elevator index
  });

  it('9 old residential elevators: exactly those the ground truth lists, with their inspections and maintainers in batches', async () => {
    const { nodes } = await collectAll<any>(url(), loadOperation('OldResidentialElevators'), 'elevators', {
      district: null,
    });
    expect(manifest.oldResidentialElevators.length).toBeGreaterThan(0);
    expect(sorted(nodes.map((n) => n.registrationCode))).toEqual(manifest.oldResidentialElevators);
    expect(nodes.every((n) => n.ageYears >= manifest.rules.oldElevatorYears && n.maintainer.uscc)).toBe(true);
    const assessed = nodes
      .filter((n) => n.safetyAssessment !== null)
      .map((n) => ({ registrationCode: n.registrationCode, ...n.safetyAssessment }))
      .sort((a, b) => a.registrationCode.localeCompare(b.registrationCode));
    expect(manifest.oldResidentialAssessments.length).toBeGreaterThan(0);
    expect(assessed).toEqual(manifest.oldResidentialAssessments);
    await expectNoFanOut('OldResidentialElevators', { district: null });
  });

  it('12 old elevator programme: per district the old residential elevators, assessed, measures decided and lifts added, as the ground truth counts them', async () => {
    const body = await postGraphql(url(), loadOperation('OldElevatorProgramme').query);
    expect(body.errors).toBeUndefined();
    const rows = body.data.districts as any[];
    expect(rows.map((d) => d.code).sort()).toEqual(Object.keys(manifest.counts).sort());
    const figures = (pick: (d: any) => unknown) => Object.fromEntries(rows.map((d) => [d.code, pick(d)]));
    expect(figures((d) => d.elevatorStatistics)).toEqual(
      figures((d) => {
        const truth = manifest.counts[d.code]!;
        return {
          refreshedAt: d.elevatorStatistics.refreshedAt,
          overFifteenYears: truth.elevatorsOver15Years,
          oldResidential: truth.oldResidentialElevators,
          oldResidentialAssessed: truth.oldResidentialAssessed,
          oldResidentialMeasureDecided: truth.oldResidentialMeasureDecided,
          addedToExistingBuildings: truth.liftsAddedToExistingBuildings,
        };
      }),
    );
    const total = (key: 'oldResidentialAssessed' | 'oldResidentialMeasureDecided' | 'liftsAddedToExistingBuildings') =>
      Object.values(manifest.counts).reduce((sum, c) => sum + c[key], 0);
    expect(total('oldResidentialAssessed')).toBeGreaterThan(0);
    expect(total('oldResidentialMeasureDecided')).toBeGreaterThan(0);
    expect(total('liftsAddedToExistingBuildings')).toBeGreaterThan(0);
    // The lists a dashboard opens from the figures: old elevators still to assess, and the lifts added.
    const count = async (filter: string) => {
      const answer = await postGraphql(url(), `{ elevators(filter: { ${filter} }, first: 1) { totalCount } }`);
      expect(answer.errors).toBeUndefined();
      return answer.data.elevators.totalCount as number;
    };
    const old = 'usage: RESIDENTIAL, status: IN_USE, overFifteenYears: true';
    const oldResidential = manifest.oldResidentialElevators.length;
    expect(await count(`${old}, safetyAssessed: false`)).toBe(oldResidential - total('oldResidentialAssessed'));
    expect(await count(`${old}, safetyAssessed: true`)).toBe(total('oldResidentialAssessed'));
    expect(await count('status: IN_USE, addedToExistingBuilding: true')).toBe(total('liftsAddedToExistingBuildings'));
  });

  it('10 entrapment rescue: per company the entrapments, arrivals and breaches over 30 days, and the late rescues of 24 hours and 30 days, as the ground truth has them', async () => {
    const operation = loadOperation('RescuePerformance');
    const { nodes } = await collectAll<any>(url(), operation, 'rescuePerformance', { district: null });
    expect(
      sorted(nodes.map((n) => JSON.stringify([n.company.uscc, n.entrapments, n.arrived, n.arrivalBreaches]))),
    ).toEqual(
      sorted(
        manifest.rescue.byMaintainer.map((m) => JSON.stringify([m.uscc, m.entrapments, m.arrived, m.arrivalBreaches])),
      ),
    );
    expect(nodes.every((n, i) => i === 0 || nodes[i - 1].arrivalBreaches >= n.arrivalBreaches)).toBe(true);
    const breaches = (days: number) =>
      collectAll<any>(
        url(),
        operation,
        'rescueArrivalBreaches',
        { district: null, breachDays: days, first: 1 },
        { first: 'breachesFirst', after: 'breachesAfter' },
      );
    const lastDay = await breaches(1);
    expect(manifest.rescue.arrivalBreachesLast24h.length).toBeGreaterThan(0);
    expect(sorted(lastDay.nodes.map((a) => a.id))).toEqual(manifest.rescue.arrivalBreachesLast24h);
    expect(lastDay.nodes.every((a) => a.arrivalOverTarget === true)).toBe(true);
    expect(sorted((await breaches(30)).nodes.map((a) => a.id))).toEqual(manifest.rescue.arrivalBreaches);
    const calls = await expectNoFanOut('RescuePerformance', { district: null });
    expect(calls.elevator ?? 0).toBe(0); // from the followed feed and the index
  });
});
