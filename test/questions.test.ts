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

describe.each(['test', 'demo'] as const)('the dashboards\' questions at the %s scale', (scale) => {
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
        enterprisesByRiskClass: Object.fromEntries(d.creditStatistics.enterprisesByRiskClass.map((c: any) => [c.riskClass, c.count])),
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
        enterprisesByRiskClass: truth.enterprisesByRiskClass,
      });
    }
    // Warm: the figures are reused (inspection and credit counts within their maximum age, the elevator index).
    expect(recorder.calls).toEqual([]);
  });

  it('8 closed-loop hazards: exactly the overdue rectifications and supervised major hazards, one statement per page and field', async () => {
    const operation = loadOperation('ClosedLoopHazards');
    recorder.clear();
    const overdue = await collectAll<{ id: string; rectificationOverdue: boolean; equipment: any }>(url(), operation, 'overdueRectifications', { district: null });
    expect(sorted(overdue.nodes.map((h) => h.id))).toEqual(manifest.overdueRectifications);
    expect(overdue.nodes.every((h) => h.rectificationOverdue && h.equipment.userUnit.uscc)).toBe(true);
    // Per page: the hazards (one statement, both lists), their equipment (one), the user units (one credit call per field).
    const perPage = { inspection: 2 * 2, credit: 2 * 2 };
    expect(recorder.count('inspection')).toBeLessThanOrEqual(perPage.inspection * overdue.pages);
    expect(recorder.count('credit')).toBeLessThanOrEqual(perPage.credit * overdue.pages);
    const supervised = await collectAll<{ id: string; level: string; supervised: boolean }>(url(), operation, 'supervisedMajorHazards', { district: null },
      { first: 'supervisedFirst', after: 'supervisedAfter' });
    expect(sorted(supervised.nodes.map((h) => h.id))).toEqual(manifest.supervisedMajorHazards);
  });

  /** Counts per key, for comparing grouped answers with the manifest's lists. */
  const tally = (keys: Iterable<string>) => {
    const counts: Record<string, number> = {};
    for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
    return counts;
  };

  it('5 certificate lending: exactly the multi-company certificates and over-limit days, holders resolved in batches', async () => {
    recorder.clear();
    const { nodes, pages } = await collectAll<any>(url(), loadOperation('CertificateLending'), 'certificateLending', { dailyElevatorLimit: manifest.rules.certificateDailyElevatorLimit });
    expect(sorted(nodes.filter((n) => n.reasons.includes('MULTI_COMPANY')).map((n) => n.certificate.number))).toEqual(manifest.lentCertificates.multiCompany);
    const overLimit = nodes.flatMap((n) => n.overLimitDays.map((d: any) => ({ number: n.certificate.number, date: d.date, elevators: d.elevators })));
    expect(overLimit).toEqual(manifest.lentCertificates.overDailyLimit);
    expect(nodes.every((n) => typeof n.certificate.valid === 'boolean' && n.certificate.employer.uscc)).toBe(true);
    // Answered from the index: per page one certificate batch (permit, 50 a call) and one register batch per field (credit).
    expect(recorder.count('elevator') + recorder.count('inspection')).toBe(0);
    expect(recorder.count('permit')).toBeLessThanOrEqual(2 * pages);
    expect(recorder.count('credit')).toBeLessThanOrEqual(2 * pages);
  });

  it('6 work without a valid licence: exactly the uncovered maintenance records and installations, per company', async () => {
    recorder.clear();
    const operation = loadOperation('UnlicensedWork');
    const maintenance = await collectAll<any>(url(), operation, 'unlicensedWork', { kind: 'MAINTENANCE' });
    expect(Object.fromEntries(maintenance.nodes.map((n) => [n.enterprise.uscc, n.records]))).toEqual(tally(manifest.unlicensedMaintenance.map((m) => m.companyUscc)));
    const installation = await collectAll<any>(url(), operation, 'unlicensedWork', { kind: 'INSTALLATION' });
    expect(Object.fromEntries(installation.nodes.map((n) => [n.enterprise.uscc, n.records]))).toEqual(tally(manifest.unlicensedInstallations.map((i) => i.installerUscc)));
    const listed = installation.nodes.flatMap((n) => n.work.nodes.map((w: any) => w.equipment.code));
    expect(listed.every((code) => manifest.unlicensedInstallations.some((i) => i.registrationCode === code))).toBe(true);
    const pages = maintenance.pages + installation.pages;
    expect(recorder.count('elevator')).toBe(0);
    expect(recorder.count('permit')).toBeLessThanOrEqual(2 * pages);
    expect(recorder.count('inspection')).toBeLessThanOrEqual(pages);
    expect(recorder.count('credit')).toBeLessThanOrEqual(2 * pages);
  });

  it('7 missing annual reports: exactly the licence holders that owe a report for last year', async () => {
    recorder.clear();
    const { year, usccs } = manifest.missingAnnualReports;
    const { nodes, pages } = await collectAll<any>(url(), loadOperation('MissingAnnualReports'), 'licenceHoldersMissingAnnualReport', { year });
    expect(usccs.length).toBeGreaterThan(0);
    expect(sorted(nodes.map((n) => n.enterprise.uscc))).toEqual(usccs);
    expect(nodes.every((n) => n.year === year && n.licenceTypes.length > 0)).toBe(true);
    expect(recorder.count('permit') + recorder.count('elevator') + recorder.count('inspection')).toBe(0);
    expect(recorder.count('credit')).toBeLessThanOrEqual(2 * pages);
  });
});
