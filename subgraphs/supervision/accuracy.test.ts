/**
 * The supervision questions at the demo scale (20,000 elevators, 80,000 maintenance records) against
 * the seed manifest: precision and recall 1.0 for every planted and unplanted case, straight from the
 * subgraph (the test scale's seed.test.ts covers filters, arguments and the gateway).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { type Manifest, buildManifest } from '../../legacy/seed/manifest.ts';
import { type TestStack, startTestStack } from '../../test/support/stack.ts';
import { allLending, allMissingReports, allUncoveredWork } from '../../test/support/supervision/answers.ts';

let stack: TestStack;
let manifest: Manifest;
let url: string;
const sorted = <T>(values: Iterable<T>) => [...values].sort();

beforeAll(async () => {
  stack = await startTestStack('demo');
  url = stack.gateway.subgraphs.get('supervision')!;
  manifest = buildManifest(generateWorld({ scale: 'demo' }));
}, 240_000);
afterAll(async () => stack?.close());

it('demo scale: unlicensed maintenance and installations, lent certificates and missing annual reports equal the manifest', async () => {
  const maintenance = await allUncoveredWork(url, 'MAINTENANCE');
  expect(sorted(maintenance.items.map((w) => `${w.recordId}|${w.companyUscc}`))).toEqual(
    sorted(manifest.unlicensedMaintenance.map((m) => `${m.id}|${m.companyUscc}`)),
  );
  const installations = await allUncoveredWork(url, 'INSTALLATION');
  expect(sorted(installations.items.map((w) => `${w.code}|${w.companyUscc}`))).toEqual(
    sorted(manifest.unlicensedInstallations.map((u) => `${u.registrationCode}|${u.installerUscc}`)),
  );
  const lending = await allLending(url);
  expect(lending.multiCompany).toEqual(manifest.lentCertificates.multiCompany);
  expect(lending.overDailyLimit).toEqual(manifest.lentCertificates.overDailyLimit);
  expect(lending.signedWhileInvalid).toEqual(manifest.lentCertificates.signedWhileInvalid);
  expect(manifest.lentCertificates.signedWhileSuspended.length).toBeGreaterThan(0);
  expect(lending.signedWhileSuspended).toEqual(manifest.lentCertificates.signedWhileSuspended);
  const missing = await allMissingReports(url, manifest.missingAnnualReports.year);
  expect(sorted(missing.map((r) => r.enterprise.uscc))).toEqual(manifest.missingAnnualReports.usccs);
}, 120_000);
