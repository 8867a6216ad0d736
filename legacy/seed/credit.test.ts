import { describe, expect, it } from 'vitest';
import { applyCreditChanges } from './credit-state.ts';
import { generateWorld } from './generate.ts';
import type { CreditChange, CreditState } from './world.ts';

const world = generateWorld({ scale: 'test' });
const { snapshot, increments, snapshotOn } = world.credit;

describe('credit snapshot and increments', () => {
  it('snapshot + increments = the world at asOf', () => {
    const state = applyCreditChanges(snapshot, increments);
    expect(state.enterprises).toEqual(world.enterprises);
    // Public institutions (事业单位) are not risk-classed: the classes are the market-supervision register's, of enterprises.
    const enterprises = world.enterprises.filter((e) => e.type !== '事业单位');
    expect(enterprises.length).toBeLessThan(world.enterprises.length);
    expect(Object.keys(state.riskClasses).sort()).toEqual(enterprises.map((e) => e.uscc).sort());
  });

  it('keeps no annual report and no abnormal listing of a public institution (12… code): it reports to its own registration authority', () => {
    const state = applyCreditChanges(snapshot, increments);
    const institutions = new Set(state.enterprises.filter((e) => e.type === '事业单位').map((e) => e.uscc));
    expect(institutions.size).toBeGreaterThan(0);
    for (const u of institutions) expect(u.slice(0, 2)).toBe('12');
    expect(state.annualReports.filter((r) => institutions.has(r.uscc))).toEqual([]);
    expect(state.abnormalListings.filter((l) => institutions.has(l.uscc))).toEqual([]);
  });

  it('has daily increments after the snapshot, in date order, of every kind', () => {
    expect(snapshotOn < world.asOf).toBe(true);
    const dates = increments.map((c) => c.on);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d > snapshotOn && d <= world.asOf)).toBe(true);
    const kinds = new Set(increments.map((c) => c.kind));
    for (const kind of [
      'upsertEnterprise',
      'removeEnterprise',
      'riskClass',
      'annualReport',
      'penalty',
      'abnormal',
      'abnormalRemoved',
    ] as const) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it('removes enterprises that then appear nowhere, and adds new ones that did not exist at the snapshot', () => {
    const removed = increments
      .filter((c): c is Extract<CreditChange, { kind: 'removeEnterprise' }> => c.kind === 'removeEnterprise')
      .map((c) => c.uscc);
    const now = new Set(world.enterprises.map((e) => e.uscc));
    const before = new Set(snapshot.enterprises.map((e) => e.uscc));
    for (const u of removed) {
      expect(before.has(u)).toBe(true);
      expect(now.has(u)).toBe(false);
      expect(JSON.stringify([world.licences, world.equipment, world.elevators, world.certificates])).not.toContain(u);
    }
    expect(world.enterprises.some((e) => !before.has(e.uscc))).toBe(true);
  });

  it('applies changes without touching the snapshot, and refuses to close a listing that is not open', () => {
    const copy = structuredClone(snapshot);
    applyCreditChanges(snapshot, increments);
    expect(snapshot).toEqual(copy);
    const empty: CreditState = {
      enterprises: [],
      riskClasses: {},
      annualReports: [],
      penalties: [],
      abnormalListings: [],
      seriousViolations: [],
    };
    expect(() =>
      applyCreditChanges(empty, [
        {
          kind: 'abnormalRemoved',
          on: '2026-10-20',
          uscc: 'X',
          reason: 1,
          removedOn: '2026-10-20',
          removalReason: 'r',
          removedBy: 'b',
        },
      ]),
    ).toThrow(/not open/);
  });

  it('updates a report in place, and a removal drops every row of the enterprise', () => {
    const e = world.enterprises[0]!;
    const state = applyCreditChanges(snapshot, [
      {
        kind: 'annualReport',
        on: '2026-10-20',
        report: { uscc: e.uscc, year: 2025, filedOn: '2026-10-20', onTime: false },
      },
      {
        kind: 'annualReport',
        on: '2026-10-21',
        report: { uscc: e.uscc, year: 2025, filedOn: '2026-10-21', onTime: false },
      },
      { kind: 'removeEnterprise', on: '2026-10-22', uscc: world.enterprises[1]!.uscc },
    ]);
    expect(state.annualReports.filter((r) => r.uscc === e.uscc && r.year === 2025)).toEqual([
      { uscc: e.uscc, year: 2025, filedOn: '2026-10-21', onTime: false },
    ]);
    const gone = world.enterprises[1]!.uscc;
    expect(state.riskClasses[gone]).toBeUndefined();
    expect(
      [...state.enterprises, ...state.annualReports, ...state.penalties, ...state.abnormalListings].some(
        (r) => r.uscc === gone,
      ),
    ).toBe(false);
  });

  it('lists enterprises that missed the annual report deadline on the abnormal list', () => {
    const state = applyCreditChanges(snapshot, increments);
    const filed2025 = new Set(state.annualReports.filter((r) => r.year === 2025).map((r) => r.uscc));
    const unfiled = state.enterprises.filter(
      (e) => e.type !== '事业单位' && e.establishedOn <= '2025-12-31' && !filed2025.has(e.uscc),
    );
    expect(unfiled.length).toBeGreaterThan(0);
    for (const e of unfiled) {
      expect(
        state.abnormalListings.some((l) => l.uscc === e.uscc && l.reason === 1 && l.removedOn === null),
        e.uscc,
      ).toBe(true);
    }
  });
});
