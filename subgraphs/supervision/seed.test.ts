/**
 * The supervision subgraph over the embedded stack at the test scale, against the seed's ground-truth
 * manifest: precision and recall 1.0 for unlicensed maintenance and installations, lent certificates
 * and missing annual reports; index-only answers (no legacy call at query time); stable BAD_USER_INPUT;
 * and, through the gateway, federation filling the references from their owners.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { type Manifest, buildManifest } from '../../legacy/seed/manifest.ts';
import type { World } from '../../legacy/seed/world.ts';
import { postGraphql } from '../../test/support/graphql.ts';
import { type TestStack, startTestStack } from '../../test/support/stack.ts';
import {
  allLending,
  allMissingReports,
  allUncoveredWork,
  isPollerCall,
} from '../../test/support/supervision/answers.ts';

let stack: TestStack;
let world: World;
let manifest: Manifest;
let subgraph: string;
const recorder = new CallRecorder();
const sorted = <T>(values: Iterable<T>) => [...values].sort();

/** The platform's elevator pages read while the stack started (both indexes built). */
let pagesAtStart: number;
const elevatorPages = () => recorder.calls.filter((c) => c.operation === 'elevatorPage').length;

beforeAll(async () => {
  stack = await startTestStack('test', [recorder.observer]);
  pagesAtStart = elevatorPages();
  subgraph = stack.gateway.subgraphs.get('supervision')!;
  world = generateWorld({ scale: 'test' });
  manifest = buildManifest(world);
}, 120_000);
afterAll(async () => stack?.close());

describe('the platform read once for both indexes', () => {
  it("the start's two index builds read each elevator page once between them, as many as one index alone", async () => {
    recorder.clear();
    await stack.refreshIndex('elevator');
    const oneIndex = elevatorPages();
    expect(oneIndex).toBeGreaterThan(1);
    expect(pagesAtStart).toBe(oneIndex);
    // Refreshed right after, the other index takes that read (it has not had it): no page is read again.
    recorder.clear();
    await stack.refreshIndex('supervision');
    expect(elevatorPages()).toBe(0);
  });
});

describe('accuracy against the manifest (test scale)', () => {
  it("unlicensed maintenance: exactly the manifest's records, each under its company", async () => {
    recorder.clear();
    const { companies, items } = await allUncoveredWork(subgraph, 'MAINTENANCE');
    expect(sorted(items.map((w) => `${w.recordId}|${w.companyUscc}`))).toEqual(
      sorted(manifest.unlicensedMaintenance.map((m) => `${m.id}|${m.companyUscc}`)),
    );
    expect(companies.reduce((n, c) => n + c.records, 0)).toBe(manifest.unlicensedMaintenance.length);
    // Each planted way of being unlicensed is found and named.
    expect(new Set(items.map((w) => w.reason))).toEqual(new Set(['EXPIRED', 'SUSPENDED_OR_REVOKED', 'OUT_OF_SCOPE']));
    expect(recorder.calls.filter((c) => !isPollerCall(c))).toEqual([]);
  });

  it("unlicensed installations: exactly the manifest's elevators and installers", async () => {
    const { items } = await allUncoveredWork(subgraph, 'INSTALLATION');
    expect(manifest.unlicensedInstallations.length).toBeGreaterThan(0);
    expect(sorted(items.map((w) => `${w.code}|${w.companyUscc}`))).toEqual(
      sorted(manifest.unlicensedInstallations.map((u) => `${u.registrationCode}|${u.installerUscc}`)),
    );
    expect(items.every((w) => w.recordId === null && w.reason === 'NO_LICENCE')).toBe(true);
  });

  it("a district filter keeps exactly the work on that district's elevators", async () => {
    const district = world.equipment.find((e) =>
      manifest.unlicensedMaintenance.some(
        (m) => world.maintenance.find((r) => r.id === m.id)!.registrationCode === e.registrationCode,
      ),
    )!.district;
    const inDistrict = new Set(world.equipment.filter((e) => e.district === district).map((e) => e.registrationCode));
    const recordCode = new Map(world.maintenance.map((r) => [r.id, r.registrationCode]));
    const { items } = await allUncoveredWork(subgraph, 'MAINTENANCE', district);
    expect(sorted(items.map((w) => w.recordId!))).toEqual(
      sorted(manifest.unlicensedMaintenance.filter((m) => inDistrict.has(recordCode.get(m.id)!)).map((m) => m.id)),
    );
  });

  it('certificate lending: the multi-company certificates and every over-limit day (number, date, count)', async () => {
    const lending = await allLending(subgraph);
    expect(lending.multiCompany).toEqual(manifest.lentCertificates.multiCompany);
    expect(lending.overDailyLimit).toEqual(manifest.lentCertificates.overDailyLimit);
    // A looser limit lists more days; a period without the planted days lists none of them.
    expect((await allLending(subgraph, { limit: 3 })).overDailyLimit.length).toBeGreaterThan(
      manifest.lentCertificates.overDailyLimit.length,
    );
    const day = manifest.lentCertificates.overDailyLimit[0]!.date;
    expect((await allLending(subgraph, { from: day, to: day })).overDailyLimit.filter((d) => d.date === day)).toEqual(
      manifest.lentCertificates.overDailyLimit.filter((d) => d.date === day),
    );
  });

  it("missing annual reports: exactly the manifest's licence holders for the previous year", async () => {
    const rows = await allMissingReports(subgraph, manifest.missingAnnualReports.year);
    expect(sorted(rows.map((r) => r.enterprise.uscc))).toEqual(manifest.missingAnnualReports.usccs);
    const maintainers = new Set(world.licences.filter((l) => l.type === 'REPAIR').map((l) => l.holderUscc));
    const ofType = await allMissingReports(subgraph, manifest.missingAnnualReports.year, { type: 'REPAIR' });
    expect(sorted(ofType.map((r) => r.enterprise.uscc))).toEqual(
      manifest.missingAnnualReports.usccs.filter((u) => maintainers.has(u)),
    );
  });
});

describe('the index build', () => {
  it('reads each system in bulk: pages of 100 elevators and records, 50 licences and certificates, two credit batches, no registry lookup', async () => {
    recorder.clear();
    const snapshot = await stack.refreshIndex('supervision');
    const deleted = new Set(world.equipment.filter((e) => e.deleted).map((e) => e.registrationCode));
    const onPlatform = world.elevators.filter((e) => !deleted.has(e.registrationCode)).length;
    expect(snapshot.sizes).toEqual({
      elevators: onPlatform,
      records: world.maintenance.length,
      licences: world.licences.length,
      holders: new Set(world.licences.map((l) => l.holderUscc)).size,
      skipped: 0,
    });
    const calls: Record<string, number> = {};
    for (const c of recorder.calls.filter((c) => !isPollerCall(c)))
      calls[`${c.system}.${c.operation}`] = (calls[`${c.system}.${c.operation}`] ?? 0) + 1;
    expect(calls).toEqual({
      'elevator.elevatorPage': Math.ceil(onPlatform / 100),
      'elevator.maintenancePage': Math.ceil(world.maintenance.length / 100),
      // Pages of 100, each two permit calls of 50 (the service's largest page), the last one too.
      'permit.searchLicences': 2 * Math.ceil(world.licences.length / 100),
      'credit.enterprisesByUscc': 1,
      'credit.creditProfiles': 1,
      // The register's entry of every signing certificate, 50 a call.
      'permit.certificatesByNumber': Math.ceil(
        new Set(world.maintenance.flatMap((m) => m.certificateNumbers)).size / 50,
      ),
    });
    // Within the platform's rate limit: no call needed the back-off.
    expect(recorder.calls.every((c) => c.outcome === 'ok')).toBe(true);
  });
});

describe('Enterprise.licenceCompliance', () => {
  it('a 100-enterprise list is answered from the index: no legacy call, figures equal the manifest', async () => {
    const usccs = world.enterprises.slice(0, 100).map((e) => e.uscc);
    recorder.clear();
    const body = await postGraphql(
      subgraph,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc licenceCompliance {
      compliant refreshedAt maintenance { records uncoveredRecords uncoveredElevators reasons { reason records } } installation { uncoveredRecords } } } } }`,
      { reps: usccs.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
    );
    expect(body.errors).toBeUndefined();
    expect(recorder.calls.filter((c) => !isPollerCall(c))).toEqual([]);
    const recordsOf = (uscc: string) => world.maintenance.filter((m) => m.companyUscc === uscc).length;
    for (const e of body.data._entities) {
      const uncovered = manifest.unlicensedMaintenance.filter((m) => m.companyUscc === e.uscc).length;
      const installs = manifest.unlicensedInstallations.filter((u) => u.installerUscc === e.uscc).length;
      expect({
        uscc: e.uscc,
        records: e.licenceCompliance.maintenance.records,
        uncovered: e.licenceCompliance.maintenance.uncoveredRecords,
        installs: e.licenceCompliance.installation.uncoveredRecords,
        compliant: e.licenceCompliance.compliant,
      }).toEqual({
        uscc: e.uscc,
        records: recordsOf(e.uscc),
        uncovered,
        installs,
        compliant: uncovered + installs === 0,
      });
    }
    expect(body.data._entities.some((e: any) => !e.licenceCompliance.compliant)).toBe(true);
  });
});

describe('arguments', () => {
  const codeOf = async (query: string) =>
    (await postGraphql(subgraph, query)).errors?.map((e: any) => [e.extensions.code, e.extensions.argument]);
  it.each([
    ['{ licenceHoldersMissingAnnualReport(year: 2026) { totalCount } }', 'year'],
    ['{ unlicensedWork(kind: MAINTENANCE, district: "310199") { totalCount } }', 'district'],
    ['{ certificateLending(dailyElevatorLimit: 0) { totalCount } }', 'dailyElevatorLimit'],
    ['{ certificateLending(from: "2020-01-01") { totalCount } }', 'from'],
    ['{ certificateLending(from: "2026-10-20", to: "2026-10-10") { totalCount } }', 'from'],
    ['{ unlicensedWork(kind: MAINTENANCE, first: 101) { totalCount } }', 'first'],
  ])('%s is BAD_USER_INPUT naming %s', async (query, argument) => {
    expect(await codeOf(query)).toEqual([['BAD_USER_INPUT', argument]]);
  });
});

describe('through the gateway', () => {
  it('the supervision subgraph composes; permit fills certificate validity, suspension and employer, credit the names', async () => {
    const body = await postGraphql(
      stack.gateway.url,
      `{
      certificateLending(first: 100) { totalCount refreshedAt nodes { reasons certificate { number valid status suspendedFrom suspendedUntil employer { uscc name } } companies { uscc name credit { riskClass } } } }
      unlicensedWork(kind: MAINTENANCE, first: 3) { nodes { enterprise { name licences { type status expiresOn } licenceCompliance { compliant } } records } }
    }`,
    );
    expect(body.errors).toBeUndefined();
    const rows = body.data.certificateLending.nodes;
    expect(rows.length).toBe(body.data.certificateLending.totalCount);
    const certificates = new Map(world.certificates.map((c) => [c.number, c]));
    for (const row of rows) {
      const truth = certificates.get(row.certificate.number)!;
      const inForce = truth.issuedOn <= world.asOf && world.asOf <= truth.expiresOn;
      const s = truth.suspension;
      const suspended = s !== undefined && s.from <= world.asOf && world.asOf <= s.until;
      expect(row.certificate.valid).toBe(inForce && !suspended);
      expect(row.certificate.status).toBe(
        !inForce ? (world.asOf < truth.issuedOn ? 'NOT_YET_VALID' : 'EXPIRED') : suspended ? 'SUSPENDED' : 'VALID',
      );
      expect([row.certificate.suspendedFrom, row.certificate.suspendedUntil]).toEqual([
        s?.from ?? null,
        s?.until ?? null,
      ]);
      expect(row.certificate.employer.uscc).toBe(truth.employerUscc);
      expect(row.companies.every((c: any) => typeof c.name === 'string' && c.name.length > 0)).toBe(true);
    }
    const work = body.data.unlicensedWork.nodes;
    expect(work.length).toBe(3);
    expect(work.every((w: any) => w.enterprise.name && w.enterprise.licenceCompliance.compliant === false)).toBe(true);
  });
});
