/**
 * The inspection subgraph over the in-memory port: argument checks (malformed → BAD_USER_INPUT,
 * well-formed but unknown → null), districts, the clock deciding "overdue", and a bad record
 * failing its own item only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { MemoryInspectionPort } from '../../adapters/inspection/memory.ts';
import type { Equipment } from '../../adapters/inspection/types.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { type Run, inspectionRunner } from '../../test/support/inspection/subgraph.ts';

const LIFT = '31103100002010050001';
const BROKEN = '31103100002010050002';
const USER = '91310000132260250X';

const lift: Equipment = {
  code: LIFT,
  equipmentCode: '311010000201010000',
  catalogueCode: '3110',
  category: 'ELEVATOR',
  categoryName: '电梯',
  districtCode: '310106',
  recordedDistrictCode: '310108',
  subDistrict: '芷江西路街道',
  address: '上海市共和新路1号',
  userUscc: USER,
  registeredOn: '2010-05-10',
  manufacturedOn: '2010-01-05',
  certificateOfUse: '梯11沪A10000(10)',
  usage: 'RESIDENTIAL',
  status: 'IN_USE',
};
const port = new MemoryInspectionPort({
  equipment: [lift],
  inspections: [
    {
      id: 'JY1',
      equipmentCode: LIFT,
      kind: 'PERIODIC',
      date: '2025-12-01',
      body: '特检院',
      conclusion: 'PASS',
      nextDueOn: '2026-12-01',
    },
  ],
  hazards: [
    {
      id: 'YH1',
      equipmentCode: LIFT,
      foundOn: '2026-11-01',
      level: 'MAJOR',
      description: '制动器',
      source: 'INSPECTION',
      deadline: '2026-11-15',
      status: 'RECTIFYING',
      closedOn: null,
      orderNumber: 'L1',
      supervised: true,
    },
  ],
  badEquipment: new Map([[BROKEN, new LegacyError('LEGACY_BAD_DATA', 'inspection', 'bad record', { key: BROKEN })]]),
});

let before: { run: Run; stop: () => Promise<void> };
let after: { run: Run; stop: () => Promise<void> };
beforeAll(async () => {
  before = await inspectionRunner(port, fixedClock('2026-11-10T10:00:00+08:00'));
  after = await inspectionRunner(port, fixedClock('2026-12-02T10:00:00+08:00'));
});
afterAll(async () => {
  await before?.stop();
  await after?.stop();
});

const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.map((e) => e.extensions?.code);

describe('inspection subgraph arguments', () => {
  it('rejects a malformed registration code, and answers null for one not on record', async () => {
    expect(codeOf(await before.run('{ equipment(code: "3110\' OR 1=1") { code } }'))).toEqual(['BAD_USER_INPUT']);
    expect(await before.run('{ equipment(code: "31103100002010050099") { code } }')).toEqual({
      data: { equipment: null },
    });
  });

  it('serves the 16 districts, maps a retired code, answers null outside Shanghai and rejects a malformed code', async () => {
    const result = await before.run('{ districts { code name nameEn } district(code: "310108") { code name } }');
    expect(result.data.districts).toHaveLength(16);
    expect(result.data.districts[0]).toEqual({ code: '310101', name: '黄浦区', nameEn: 'Huangpu' });
    expect(result.data.district).toEqual({ code: '310106', name: '静安区' });
    expect(await before.run('{ district(code: "320101") { code } }')).toEqual({ data: { district: null } });
    const bad = await before.run('{ district(code: "31010") { code } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'code' } });
  });

  it('rejects page sizes over 100, out-of-range ages, bad catalogue codes and hostile identifiers with the argument named', async () => {
    const cases: [string, string][] = [
      ['equipmentSearch(first: 101)', 'first'],
      ['equipmentSearch(filter: { minAgeYears: 20, maxAgeYears: 10 })', 'filter.minAgeYears'],
      ['equipmentSearch(filter: { maxAgeYears: 101 })', 'filter.maxAgeYears'],
      ['equipmentSearch(filter: { catalogueCode: "31; DROP" })', 'filter.catalogueCode'],
      [`equipmentSearch(filter: { userUscc: "' OR '1'='1" })`, 'filter.userUscc'],
      ['equipmentSearch(filter: { district: "" })', 'filter.district'],
    ];
    for (const [field, argument] of cases) {
      const result = await before.run(`{ ${field} { totalCount } }`);
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const last = await before.run(`{ equipment(code: "${LIFT}") { inspections(last: 21) { id } } }`);
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
  });
});

describe('inspection subgraph answers', () => {
  const QUERY = `{ equipment(code: "${LIFT}") { code district { code name } recordedDistrictCode userUnit { uscc } registeredOn usage status
    nextInspectionDue inspectionOverdue hazards(level: MAJOR) { id rectificationOverdue supervised } } }`;

  it('judges overdue inspections and rectifications against the clock', async () => {
    const early = await before.run(QUERY);
    expect(early.errors).toBeUndefined();
    expect(early.data.equipment).toEqual({
      code: LIFT,
      district: { code: '310106', name: '静安区' },
      recordedDistrictCode: '310108',
      userUnit: { uscc: USER },
      registeredOn: '2010-05-10',
      usage: 'RESIDENTIAL',
      status: 'IN_USE',
      nextInspectionDue: '2026-12-01',
      inspectionOverdue: false,
      hazards: [{ id: 'YH1', rectificationOverdue: false, supervised: true }],
    });
    const late = await after.run(QUERY);
    expect(late.data.equipment).toMatchObject({ inspectionOverdue: true, hazards: [{ rectificationOverdue: true }] });
  });

  it('fails a bad record alone: null with LEGACY_BAD_DATA at its path, the rest served', async () => {
    const result = await before.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { code address } } }`,
      {
        reps: [LIFT, BROKEN, 'not-a-code'].map((code) => ({ __typename: 'Equipment', code })),
      },
    );
    expect(result.data._entities).toEqual([{ code: LIFT, address: lift.address }, null, null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['_entities', 1],
      extensions: { code: 'LEGACY_BAD_DATA', system: 'inspection', key: BROKEN },
    });
  });
});
