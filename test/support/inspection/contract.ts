/**
 * Test-only: the behaviour every backend of the SQL adapter must show, run against PGlite and
 * against a PostgreSQL server with the same world. `backend()` gives the adapter under test, the
 * recorder on its calls, and a raw statement runner to plant bad rows.
 */
import { expect, it } from 'vitest';
import { type CallRecorder } from '../../../adapters/core/index.ts';
import { LegacyError } from '../../../graph/errors.ts';
import type { World } from '../../../legacy/seed/world.ts';
import { expectedHazards, expectedStatistics, served } from './oracle.ts';
import type { InspectionPort } from '../../../adapters/inspection/port.ts';
import type { Equipment, PageOf } from '../../../adapters/inspection/types.ts';

export interface Backend {
  readonly adapter: InspectionPort;
  readonly recorder: CallRecorder;
  /** Runs a statement straight on the database, around the adapter (to plant bad rows). */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

const codesOf = (items: readonly (Equipment | Error)[]) => items.map((e) => (e instanceof Error ? e : e.code));

export function adapterContract(world: World, backend: () => Backend): void {
  const all = served(world);
  const deleted = world.equipment.find((e) => e.deleted)!;
  const retired = all.find((e) => e.recordedDistrict !== e.district)!;

  it('looks equipment up in one statement per batch, aligned with the keys: unknown and soft-deleted codes are null', async () => {
    const { adapter, recorder } = backend();
    recorder.clear();
    const keys = [all[0]!.registrationCode, '99999999999999999999', deleted.registrationCode, retired.registrationCode];
    const [first, unknown, gone, old] = await adapter.equipmentByCode(keys);
    expect(recorder.calls).toMatchObject([
      { system: 'inspection', operation: 'equipmentByCode', keys: 4, outcome: 'ok' },
    ]);
    expect(first).toMatchObject({
      code: all[0]!.registrationCode,
      registeredOn: all[0]!.registeredOn,
      usage: all[0]!.usage,
      status: all[0]!.status,
    });
    expect([unknown, gone]).toEqual([null, null]);
    expect(old).toMatchObject({ districtCode: retired.district, recordedDistrictCode: retired.recordedDistrict });
  });

  it('trims the padding legacy columns carry', async () => {
    const [padded] = await backend().adapter.equipmentByCode([world.equipment[3]!.registrationCode]);
    expect((padded as Equipment).address).toBe(world.equipment[3]!.address);
  });

  it('serves the newest inspections first and never a retracted (soft-deleted) record', async () => {
    const e = all[0]!;
    const [latest] = await backend().adapter.inspectionsByEquipment([e.registrationCode], 1);
    const newest = world.inspections
      .filter((i) => i.registrationCode === e.registrationCode)
      .sort((a, b) => b.date.localeCompare(a.date))[0]!;
    expect(latest).toEqual([
      expect.objectContaining({
        id: newest.id,
        date: newest.date,
        nextDueOn: newest.nextDueOn,
        conclusion: newest.conclusion,
      }),
    ]);
    const [both] = await backend().adapter.inspectionsByEquipment([e.registrationCode], 5);
    expect((both as { id: string }[]).map((i) => i.id)).toEqual(
      world.inspections
        .filter((i) => i.registrationCode === e.registrationCode)
        .map((i) => i.id)
        .reverse(),
    );
  });

  it('pages each user unit’s equipment in one statement, totals right even past the end', async () => {
    const { adapter, recorder } = backend();
    const usccs = world.enterprises.slice(0, 3).map((u) => u.uscc);
    recorder.clear();
    const pages = await adapter.equipmentByUser(usccs, { offset: 2, limit: 3 });
    const beyond = await adapter.equipmentByUser(usccs.slice(0, 1), { offset: 10_000, limit: 3 });
    expect(recorder.count('inspection', 'equipmentByUser')).toBe(2);
    usccs.forEach((uscc, k) => {
      const mine = all
        .filter((e) => e.userUscc === uscc)
        .map((e) => e.registrationCode)
        .sort();
      expect(pages[k]).toEqual({ total: mine.length, items: expect.any(Array) });
      expect(codesOf((pages[k] as PageOf<Equipment>).items)).toEqual(mine.slice(2, 5));
    });
    expect(beyond[0]).toEqual({ total: all.filter((e) => e.userUscc === usccs[0]).length, items: [] });
  });

  it('computes the statistics of all 16 districts in one GROUP BY statement, retired codes folded in', async () => {
    const { adapter, recorder } = backend();
    recorder.clear();
    const stats = await adapter.districtStatistics(world.asOf);
    expect(recorder.count('inspection', 'districtStatistics')).toBe(1);
    expect(stats.size).toBe(16);
    expect(Object.fromEntries(stats)).toEqual(Object.fromEntries(expectedStatistics(world)));
  });

  it('searches equipment by district (retired codes included), category, usage, status and age, with the total', async () => {
    const { adapter } = backend();
    const filter = { district: retired.district, category: 'ELEVATOR', status: 'IN_USE' } as const;
    const expected = all.filter(
      (e) => e.district === retired.district && e.catalogueCode.startsWith('3') && e.status === 'IN_USE',
    );
    const page = await adapter.searchEquipment(filter, { offset: 0, limit: 100 });
    expect(page.total).toBe(expected.length);
    expect(codesOf(page.items)).toEqual(expected.map((e) => e.registrationCode).sort());
    const old = await adapter.searchEquipment(
      { usage: 'RESIDENTIAL', minAgeYears: 15, asOf: world.asOf },
      { offset: 0, limit: 1 },
    );
    const fifteenYearsAgo = `${Number(world.asOf.slice(0, 4)) - 15}${world.asOf.slice(4)}`;
    expect(old.total).toBe(all.filter((e) => e.usage === 'RESIDENTIAL' && e.manufacturedOn <= fifteenYearsAgo).length);
    const young = await adapter.searchEquipment({ maxAgeYears: 4, asOf: world.asOf }, { offset: 0, limit: 1 });
    const fiveYearsAgo = `${Number(world.asOf.slice(0, 4)) - 5}${world.asOf.slice(4)}`;
    expect(young.total).toBe(all.filter((e) => e.manufacturedOn > fiveYearsAgo).length);
  });

  it('lists hazards: open, major, overdue rectification and supervised, newest first', async () => {
    const { adapter } = backend();
    const overdue = await adapter.searchHazards({ overdueOn: world.asOf }, { offset: 0, limit: 100 });
    const expected = expectedHazards(
      world,
      (h) => (h.status === 'FOUND' || h.status === 'RECTIFYING') && h.deadline < world.asOf,
    );
    expect(overdue.total).toBe(expected.length);
    expect(new Set(overdue.items.map((h) => (h as { id: string }).id))).toEqual(new Set(expected.map((h) => h.id)));
    const supervised = await adapter.searchHazards(
      { level: 'MAJOR', supervised: true, open: true },
      { offset: 0, limit: 5 },
    );
    expect(supervised.total).toBe(
      expectedHazards(
        world,
        (h) => h.level === 'MAJOR' && h.supervised && (h.status === 'FOUND' || h.status === 'RECTIFYING'),
      ).length,
    );
    const dates = supervised.items.map((h) => (h as { foundOn: string }).foundOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('treats hostile strings as values: nothing matches and no table is harmed', async () => {
    const { adapter } = backend();
    const hostile = ["' OR '1'='1", "'; DROP TABLE T_SB_DJ; --", '31101) OR (1=1', '$1', "\\'; SELECT pg_sleep(5); --"];
    expect(await adapter.equipmentByCode(hostile)).toEqual(hostile.map(() => null));
    for (const value of hostile) {
      expect((await adapter.searchEquipment({ userUscc: value }, { offset: 0, limit: 5 })).total).toBe(0);
    }
    expect(
      (await adapter.equipmentByUser(hostile, { offset: 0, limit: 5 })).every(
        (p) => !(p instanceof Error) && p.total === 0,
      ),
    ).toBe(true);
    expect((await adapter.searchEquipment({}, { offset: 0, limit: 1 })).total).toBe(all.length);
  });

  it('turns a corrupt date or an unknown dictionary code into LEGACY_BAD_DATA for that item alone', async () => {
    const { adapter, raw } = backend();
    const [badDate, badCode, fine] = [all[5]!, all[6]!, all[7]!];
    const keys = [badDate.registrationCode, badCode.registrationCode];
    const original = await raw('SELECT ZCDM, DJRQ, SYXZ FROM T_SB_DJ WHERE ZCDM = ANY($1::varchar[])', [keys]);
    await raw(`UPDATE T_SB_DJ SET DJRQ = '20261332' WHERE ZCDM = $1`, [badDate.registrationCode]);
    await raw(`UPDATE T_SB_DJ SET SYXZ = '99' WHERE ZCDM = $1`, [badCode.registrationCode]);
    try {
      const [a, b, c] = await adapter.equipmentByCode([
        badDate.registrationCode,
        badCode.registrationCode,
        fine.registrationCode,
      ]);
      expect(a).toBeInstanceOf(LegacyError);
      expect((a as LegacyError).extensions).toMatchObject({
        code: 'LEGACY_BAD_DATA',
        system: 'inspection',
        key: badDate.registrationCode,
      });
      expect((a as LegacyError).message).toContain('20261332');
      expect((b as LegacyError).message).toContain("unknown usage code '99'");
      expect(c).toMatchObject({ code: fine.registrationCode });
      const page = await adapter.searchEquipment({ userUscc: badCode.userUscc }, { offset: 0, limit: 100 });
      // The unit's bad rows: the bad code, and the bad date too when the same unit uses both.
      const badOfUnit = [badDate, badCode]
        .filter((e) => e.userUscc === badCode.userUscc)
        .map((e) => e.registrationCode);
      expect(
        page.items
          .filter((i) => i instanceof Error)
          .map((i) => (i as LegacyError).extensions.key)
          .sort(),
      ).toEqual(badOfUnit.sort());
      expect(page.items.length).toBe(page.total);
    } finally {
      for (const row of original)
        await raw('UPDATE T_SB_DJ SET DJRQ = $2, SYXZ = $3 WHERE ZCDM = $1', [row.zcdm, row.djrq, row.syxz]);
    }
  });
}
