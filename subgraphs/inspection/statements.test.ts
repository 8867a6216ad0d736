/**
 * The inspection subgraph over the SQL adapter on PGlite (seeded by the exchange-database
 * stand-in): the SQL statements a query costs, asserted on the recorded legacy calls, and the
 * answers checked against the world the database was seeded from.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/index.ts';
import { createInspectionAdapter } from '../../adapters/inspection/index.ts';
import { expectedHazards, expectedStatistics, served } from '../../test/support/inspection/oracle.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import { TEST_SCHEMA, preparedPglite, quietLogger } from '../../test/support/inspection/databases.ts';
import { inspectionTestWorld } from '../../test/support/inspection/hand-world.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { type Run, inspectionRunner } from '../../test/support/inspection/subgraph.ts';

const world = inspectionTestWorld();
const recorder = new CallRecorder();
let db: PGlite;
let adapter: InspectionPort;
let run: Run;
let stop: () => Promise<void>;

beforeAll(async () => {
  db = await preparedPglite(world);
  adapter = await createInspectionAdapter({
    pglite: db,
    schema: TEST_SCHEMA,
    timeoutMs: 10_000,
    observers: [recorder.observer],
    logger: quietLogger(),
  });
  ({ run, stop } = await inspectionRunner(adapter, fixedClock(`${world.asOf}T12:00:00+08:00`)));
});
afterAll(async () => {
  await stop?.();
  await adapter?.close();
  await db?.close();
});

/** [operation, keys] of every recorded call, sorted. */
const statements = () => recorder.calls.map((c) => [c.operation, c.keys]).sort();

const PAGE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment {
  code address district { name } userUnit { uscc } inspections(last: 2) { date conclusion } nextInspectionDue inspectionOverdue
  hazards { id level } majors: hazards(level: MAJOR) { id } } } }`;

describe('statements per query', () => {
  it('resolves 100 equipment by reference with one SQL statement per field', async () => {
    const codes = served(world)
      .slice(0, 100)
      .map((e) => e.registrationCode);
    recorder.clear();
    const result = await run(PAGE, { reps: codes.map((code) => ({ __typename: 'Equipment', code })) });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(100);
    // inspections(last: 2) and the next-due lookup (last: 1) are two fields; overdue shares the latter.
    expect(statements()).toEqual([
      ['equipmentByCode', 100],
      ['hazardsByEquipment', 100],
      ['hazardsByEquipment', 100],
      ['inspectionsByEquipment', 100],
      ['inspectionsByEquipment', 100],
    ]);
    const e = world.equipment.find((x) => x.registrationCode === codes[3])!;
    const mine = world.inspections
      .filter((i) => i.registrationCode === e.registrationCode)
      .sort((a, b) => b.date.localeCompare(a.date));
    expect(result.data._entities[3]).toMatchObject({
      code: e.registrationCode,
      address: e.address,
      userUnit: { uscc: e.userUscc },
      inspections: mine.map((i) => ({ date: i.date, conclusion: i.conclusion })),
      nextInspectionDue: mine[0]!.nextDueOn,
      inspectionOverdue: e.status === 'IN_USE' && mine[0]!.nextDueOn < world.asOf,
    });
  });

  it('answers the 16 districts with their statistics in one GROUP BY statement', async () => {
    recorder.clear();
    const result = await run(
      '{ districts { code equipmentStats { elevatorsInUse inspectionsOverdue openMajorHazards rectificationsOverdue supervisedOpenHazards } } }',
    );
    expect(statements()).toEqual([['districtStatistics', 0]]);
    const expected = expectedStatistics(world);
    expect(result.data.districts).toEqual(
      [...expected.values()]
        .sort((a, b) => a.districtCode.localeCompare(b.districtCode))
        .map((s) => ({
          code: s.districtCode,
          equipmentStats: {
            elevatorsInUse: s.elevatorsInUse,
            inspectionsOverdue: s.inspectionsOverdue,
            openMajorHazards: s.openHazardsByLevel.MAJOR,
            rectificationsOverdue: s.rectificationsOverdue,
            supervisedOpenHazards: s.supervisedOpenHazards,
          },
        })),
    );
  });

  it('pages the equipment and hazards of many user units in one statement each', async () => {
    const usccs = world.enterprises.map((u) => u.uscc);
    recorder.clear();
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise {
      usedEquipment(first: 3) { totalCount nodes { code } pageInfo { hasNextPage } } hazards(filter: { open: true }) { totalCount } } } }`,
      { reps: usccs.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
    );
    expect(result.errors).toBeUndefined();
    expect(statements()).toEqual([
      ['equipmentByUser', usccs.length],
      ['hazardsByUser', usccs.length],
    ]);
    const first = result.data._entities[0];
    const mine = served(world).filter((e) => e.userUscc === usccs[0]);
    expect(first.usedEquipment).toEqual({
      totalCount: mine.length,
      nodes: mine
        .map((e) => ({ code: e.registrationCode }))
        .sort((a, b) => a.code.localeCompare(b.code))
        .slice(0, 3),
      pageInfo: { hasNextPage: true },
    });
    expect(first.hazards.totalCount).toBe(
      expectedHazards(world, (h, e) => e.userUscc === usccs[0] && (h.status === 'FOUND' || h.status === 'RECTIFYING'))
        .length,
    );
  });
});

describe('root lists', () => {
  it('lists hazards overdue for rectification in a district, retired codes included, with their equipment batched', async () => {
    const district = '310106';
    recorder.clear();
    const result = await run(
      `{ hazards(filter: { district: "${district}", overdue: true }, first: 50) { totalCount nodes { id rectificationOverdue equipment { code recordedDistrictCode } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const expected = expectedHazards(
      world,
      (h, e) =>
        e.district === district && (h.status === 'FOUND' || h.status === 'RECTIFYING') && h.deadline < world.asOf,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data.hazards.totalCount).toBe(expected.length);
    expect(result.data.hazards.nodes.every((h: { rectificationOverdue: boolean }) => h.rectificationOverdue)).toBe(
      true,
    );
    expect(
      new Set(
        result.data.hazards.nodes.map(
          (h: { equipment: { recordedDistrictCode: string } }) => h.equipment.recordedDistrictCode,
        ),
      ),
    ).toContain('310108');
    expect(statements().map(([operation]) => operation)).toEqual(['equipmentByCode', 'searchHazards']);
  });

  it('searches equipment and fails one bad row alone, with LEGACY_BAD_DATA at its path', async () => {
    const victim = served(world)
      .filter((e) => e.district === '310115')
      .sort((a, b) => a.registrationCode.localeCompare(b.registrationCode))[1]!;
    const [original] = (
      await db.query<{ zt: string }>('SELECT ZT FROM T_SB_DJ WHERE ZCDM = $1', [victim.registrationCode])
    ).rows;
    await db.query(`UPDATE T_SB_DJ SET ZT = 'X' WHERE ZCDM = $1`, [victim.registrationCode]);
    try {
      const result = await run(
        '{ equipmentSearch(filter: { district: "310115" }, first: 5) { totalCount nodes { code } } }',
      );
      expect(result.data.equipmentSearch.nodes[1]).toBeNull();
      expect(result.data.equipmentSearch.nodes.filter((n: unknown) => n !== null)).toHaveLength(4);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({
        path: ['equipmentSearch', 'nodes', 1],
        extensions: { code: 'LEGACY_BAD_DATA', system: 'inspection', key: victim.registrationCode },
      });
    } finally {
      await db.query('UPDATE T_SB_DJ SET ZT = $2 WHERE ZCDM = $1', [victim.registrationCode, original!.zt]);
    }
  });
});
