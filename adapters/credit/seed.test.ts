/**
 * The seed generator's `test` world through the credit stand-in and this adapter: every register
 * record and credit record arrives intact, and the annual-report gaps of the ground-truth manifest
 * are all found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCreditChanges } from '../../legacy/seed/credit-state.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { buildManifest } from '../../legacy/seed/manifest.ts';
import type { World } from '../../legacy/seed/world.ts';
import type { CreditAdapter } from './adapter.ts';
import { createCreditAdapter } from './index.ts';
import type { CreditProfile } from './types.ts';
import {
  type PortState,
  type TempDrop,
  portState,
  quietLogger,
  tempDrop,
} from '../../test/support/credit/drop-folder.ts';

let cachedWorld: World | undefined;
const world = () => (cachedWorld ??= generateWorld({ scale: 'test' }));
const ABNORMAL_REASONS = {
  1: 'ANNUAL_REPORT_NOT_PUBLISHED',
  2: 'ORDERED_DISCLOSURE_MISSED',
  3: 'FALSE_INFORMATION',
  4: 'UNREACHABLE_AT_ADDRESS',
} as const;

describe('credit adapter over the seed world', () => {
  let drop: TempDrop;
  let adapter: CreditAdapter;
  let state: PortState;
  const truth = () => applyCreditChanges(world().credit.snapshot, world().credit.increments);

  beforeAll(async () => {
    drop = await tempDrop(world());
    adapter = await createCreditAdapter({ dropDir: drop.dropDir, timeoutMs: 30_000, logger: quietLogger() });
    const report = await adapter.ingest();
    expect(report.rejected).toEqual([]);
    state = await portState(
      adapter,
      world().enterprises.map((e) => e.uscc),
    );
  });
  afterAll(async () => {
    await adapter?.close();
    await drop?.cleanup();
  });

  it('holds every enterprise of the register as of the world date, field for field', () => {
    const byUscc = (a: { uscc: string }, b: { uscc: string }) => a.uscc.localeCompare(b.uscc);
    expect(
      state.enterprises.map((e) => [
        e.uscc,
        e.name,
        e.type,
        e.status,
        e.recordedDistrictCode,
        e.districtCode,
        e.registeredAddress,
        e.legalRepresentative,
        e.establishedOn,
      ]),
    ).toEqual(
      [...world().enterprises]
        .sort(byUscc)
        .map((e) => [
          e.uscc,
          e.name,
          e.type,
          e.status,
          e.recordedDistrict,
          e.district,
          e.registeredAddress,
          e.legalRepresentative,
          e.establishedOn,
        ]),
    );
  });

  it('holds every credit record of every enterprise', () => {
    const t = truth();
    expect(state.profiles.filter((p) => p instanceof Error)).toEqual([]);
    const profiles = new Map(state.profiles.map((p) => [(p as CreditProfile).uscc, p as CreditProfile]));
    for (const e of world().enterprises) {
      const p = profiles.get(e.uscc);
      if (!p) throw new Error(`no profile for ${e.uscc}`);
      expect(p.riskClass).toBe(t.riskClasses[e.uscc] ?? null);
      expect(p.annualReports.map((r) => [r.year, r.filedOn, r.onTime]).sort()).toEqual(
        t.annualReports
          .filter((r) => r.uscc === e.uscc)
          .map((r) => [r.year, r.filedOn, r.onTime])
          .sort(),
      );
      expect(p.penalties.map((x) => x.decisionNumber).sort()).toEqual(
        t.penalties
          .filter((x) => x.uscc === e.uscc)
          .map((x) => x.decisionNumber)
          .sort(),
      );
      expect(p.abnormalListings.map((l) => [l.reason, l.listedOn, l.removedOn]).sort()).toEqual(
        t.abnormalListings
          .filter((l) => l.uscc === e.uscc)
          .map((l) => [ABNORMAL_REASONS[l.reason], l.listedOn, l.removedOn])
          .sort(),
      );
      expect(p.seriousViolations.map((v) => [v.listedOn, v.removedOn]).sort()).toEqual(
        t.seriousViolations
          .filter((v) => v.uscc === e.uscc)
          .map((v) => [v.listedOn, v.removedOn])
          .sort(),
      );
    }
    expect(state.freshness).toMatchObject({
      quarantinedRows: drop.feed.badRows.length,
      rejectedFiles: 0,
      appliedFiles: drop.feed.dropped.length,
    });
  });

  it('finds every annual-report gap of the ground-truth manifest', async () => {
    const { year, usccs } = buildManifest(world()).missingAnnualReports;
    const found = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = await adapter.enterprisesMissingAnnualReport(year, {}, { offset, limit: 100 });
      page.items.forEach((e) => found.add(e.uscc));
      if (page.items.length === 0 || found.size >= page.total) break;
    }
    // The manifest counts licence holders; the register query answers for every enterprise in business.
    const inBusiness = new Map(
      world().enterprises.map((e) => [e.uscc, e.status === 'ACTIVE' && e.establishedOn <= `${year}-12-31`]),
    );
    expect(usccs.length).toBeGreaterThan(0);
    expect(usccs.filter((u) => inBusiness.get(u) && !found.has(u))).toEqual([]);
  });

  it('counts enterprises by district and risk class exactly as the ground-truth manifest does, in one statement', async () => {
    const counts = await adapter.riskClassCountsByDistrict();
    const manifest = buildManifest(world()).counts;
    expect(Object.fromEntries(counts)).toEqual(
      Object.fromEntries(Object.entries(manifest).map(([code, c]) => [code, c.enterprisesByRiskClass])),
    );
    // The register holds retired codes (310108, 310230): they must have been merged, not dropped.
    expect(world().enterprises.some((e) => e.recordedDistrict !== e.district)).toBe(true);
  });
});
