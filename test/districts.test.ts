/**
 * Districts (属地监管) through the gateway over the embedded stack: a caller limited to one district
 * gets no row of another from any root field or example operation (checked against the seed's world:
 * every equipment code, hazard, alarm, inspection and maintenance id it names), its district figures
 * equal the manifest's, equipment of another district asked by its code is null with FORBIDDEN, and
 * what the subgraphs cache or precompute is not served across callers of different districts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { readJwtConfig } from '../gateway/callers/config.ts';
import { READ_SCOPES } from '../graph/caller.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { type Manifest, buildManifest } from '../legacy/seed/manifest.ts';
import type { World } from '../legacy/seed/world.ts';
import { postGraphql } from './support/graphql.ts';
import { loadOperation, operationNames } from './support/operations.ts';
import { type TestStack, startTestStack } from './support/stack.ts';

/** Every string anywhere in an answer. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The district of every equipment-bound row of the world, by the identifiers an answer may show. */
function districtOfRows(world: World): Map<string, string> {
  const byCode = new Map(world.equipment.map((e) => [e.registrationCode, e.district]));
  const rows = new Map(byCode);
  const add = (id: string, code: string) => {
    const district = byCode.get(code);
    if (district !== undefined) rows.set(id, district);
  };
  for (const e of world.elevators) add(e.qrId, e.registrationCode);
  for (const h of world.hazards) add(h.id, h.registrationCode);
  for (const a of world.alarms) add(a.id, a.registrationCode);
  for (const i of world.inspections) add(i.id, i.registrationCode);
  for (const m of world.maintenance) add(m.id, m.registrationCode);
  return rows;
}

/** Root fields reading equipment-bound rows, each asked for a page (within the gateway's cost limit). */
const ROOT_FIELDS = [
  '{ equipmentSearch(first: 100) { totalCount nodes { code district { code } } } }',
  '{ hazards(first: 100) { totalCount nodes { id equipment { code } } } }',
  '{ elevators(first: 100) { totalCount nodes { registrationCode qrId district { code } } } }',
  '{ recentAlarms(first: 100) { totalCount nodes { id equipment { code } } } }',
  '{ rescueArrivalBreaches(days: 30, first: 100) { totalCount nodes { id equipment { code } } } }',
  '{ rescuePerformance(days: 30, first: 20) { nodes { company { maintainedElevators(first: 20) { nodes { registrationCode } } } } } }',
  '{ maintenanceCompanyRanking(first: 10) { nodes { company { maintainedElevators(first: 20) { nodes { registrationCode } } } } } }',
  '{ unlicensedWork(kind: MAINTENANCE, first: 10) { nodes { work(first: 20) { nodes { recordId equipment { code } } } } } }',
  '{ unlicensedWork(kind: INSTALLATION, first: 10) { nodes { work(first: 20) { nodes { equipment { code } } } } } }',
  '{ maintenanceQualityFindings(first: 100) { totalCount nodes { recordId equipment { code } } } }',
  '{ districts { code } }',
];

/** Each root field's answer, as one object; fails on any error. */
async function askRootFields(url: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const query of ROOT_FIELDS) {
    const body = await postGraphql(url, query, {}, headers);
    expect(body.errors, query).toBeUndefined();
    Object.assign(answers, body.data);
  }
  return answers;
}

describe('districts through the gateway', () => {
  let stack: TestStack;
  let world: World;
  let manifest: Manifest;
  let rows: Map<string, string>;
  /** The district with the most equipment, and another one. */
  let home: string;
  let other: string;

  const asDistricts = async (districts: string[] | undefined) => ({
    authorization: `Bearer ${await issueToken(
      { subject: `bureau-${districts?.join('-') ?? 'city'}`, scopes: [...READ_SCOPES], districts, ttlSeconds: 600 },
      readJwtConfig({ DATA_DIR: stack.dataDir }, true)!,
    )}`,
  });

  /** Identifiers in the answer naming rows of another district than `district`. */
  const foreignRows = (answer: unknown, district: string) =>
    strings(answer).filter((s) => rows.has(s) && rows.get(s) !== district);

  beforeAll(async () => {
    stack = await startTestStack('test');
    world = generateWorld({ scale: 'test' });
    manifest = buildManifest(world);
    rows = districtOfRows(world);
    const counts = new Map<string, number>();
    for (const e of world.equipment) counts.set(e.district, (counts.get(e.district) ?? 0) + 1);
    [home, other] = [...counts].sort((a, b) => b[1] - a[1]).map(([d]) => d) as [string, string];
  }, 300_000);
  afterAll(async () => stack?.close());

  it('answers every root field with rows of the caller district only, and the whole city to a city caller', async () => {
    const city = await askRootFields(stack.gateway.url, await asDistricts(undefined));
    // Where the city has rows, some are of other districts: a leak would show.
    for (const [field, answer] of Object.entries(city))
      if (strings(answer).some((s) => rows.has(s))) expect(foreignRows(answer, home), field).not.toEqual([]);
    const data: any = await askRootFields(stack.gateway.url, await asDistricts([home]));
    expect(foreignRows(data, home)).toEqual([]);
    expect(data.districts).toEqual([{ code: home }]);
    expect(data.equipmentSearch.totalCount).toBe(
      world.equipment.filter((e) => e.district === home && !e.deleted).length,
    );
    expect(data.equipmentSearch.nodes.length).toBeGreaterThan(0);
    expect(data.elevators.nodes.length).toBeGreaterThan(0);
  });

  it.each(operationNames())('%s returns no row of another district', async (name) => {
    const operation = loadOperation(name);
    const body = await postGraphql(stack.gateway.url, operation.query, operation.variables, await asDistricts([home]));
    expect(foreignRows(body.data, home)).toEqual([]);
    // Only refusals of another district's rows, never another failure.
    for (const error of body.errors ?? []) expect(error.extensions.code).toBe('FORBIDDEN');
  });

  it('gives the district figures of the caller district equal to the manifest, and no other district', async () => {
    const body = await postGraphql(
      stack.gateway.url,
      loadOperation('CityOverview').query,
      {},
      await asDistricts([home]),
    );
    expect(body.errors).toBeUndefined();
    const [d] = body.data.districts;
    expect(body.data.districts).toHaveLength(1);
    const truth = manifest.counts[home]!;
    expect({
      equipmentInUse: d.equipmentStats.equipmentInUse,
      elevatorsInUse: d.equipmentStats.elevatorsInUse,
      elevators: d.elevatorStatistics.total,
      overFifteenYears: d.elevatorStatistics.overFifteenYears,
      overdueMaintenance: d.elevatorStatistics.overdueMaintenance,
      inspectionsOverdue: d.equipmentStats.inspectionsOverdue,
      openHazards: { GENERAL: d.equipmentStats.openGeneralHazards, MAJOR: d.equipmentStats.openMajorHazards },
      rectificationsOverdue: d.equipmentStats.rectificationsOverdue,
      enterprisesByRiskClass: Object.fromEntries(
        d.creditStatistics.enterprisesByRiskClass.map((c: any) => [c.riskClass, c.count]),
      ),
    }).toEqual({
      equipmentInUse: truth.equipmentInUse,
      elevatorsInUse: truth.elevators,
      elevators: truth.elevators,
      overFifteenYears: truth.elevatorsOver15Years,
      overdueMaintenance: truth.overdueMaintenance,
      inspectionsOverdue: truth.overdueInspections,
      openHazards: truth.openHazards,
      rectificationsOverdue: truth.overdueRectifications,
      enterprisesByRiskClass: truth.enterprisesByRiskClass,
    });
    const elsewhere = await postGraphql(
      stack.gateway.url,
      `{ district(code: "${other}") { code equipmentStats { equipmentInUse } } }`,
      {},
      await asDistricts([home]),
    );
    expect(elsewhere.data.district).toBeNull();
    expect(elsewhere.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('answers equipment and elevators of another district asked by code with null and FORBIDDEN', async () => {
    const foreign = world.elevators.find((e) => rows.get(e.registrationCode) === other)!;
    const body = await postGraphql(
      stack.gateway.url,
      `{ equipment(code: "${foreign.registrationCode}") { code }
         elevator(registrationCode: "${foreign.registrationCode}") { registrationCode }
         byQr: elevator(qrId: "${foreign.qrId}") { registrationCode } }`,
      {},
      await asDistricts([home]),
    );
    expect(body.data).toEqual({ equipment: null, elevator: null, byQr: null });
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const own = await postGraphql(
      stack.gateway.url,
      `{ equipment(code: "${foreign.registrationCode}") { code } }`,
      {},
      await asDistricts([other]),
    );
    expect(own.data.equipment).toEqual({ code: foreign.registrationCode });
  });

  it('answers an alarm of another district asked by its id with null and FORBIDDEN', async () => {
    const city = await postGraphql(
      stack.gateway.url,
      '{ recentAlarms(first: 100) { nodes { id equipment { code } } } }',
      {},
      await asDistricts(undefined),
    );
    const alarms = city.data.recentAlarms.nodes as { id: string; equipment: { code: string } }[];
    const foreign = alarms.find((a) => rows.get(a.equipment.code) === other);
    expect(foreign).toBeDefined();
    const ask = `{ alarm(id: "${foreign!.id}") { id } }`;
    const refused = await postGraphql(stack.gateway.url, ask, {}, await asDistricts([home]));
    expect(refused.data.alarm).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISTRICT' });
    const own = await postGraphql(stack.gateway.url, ask, {}, await asDistricts([other]));
    expect(own.data.alarm).toEqual({ id: foreign!.id });
  });

  it('never serves one district caller the rows cached or precomputed for another', async () => {
    const asked = [
      ...ROOT_FIELDS.map((query) => ({ query, variables: {} })),
      loadOperation('Enterprise360'),
      loadOperation('MaintenanceRiskRanking'),
    ];
    for (const { query, variables } of asked) {
      const first = await postGraphql(stack.gateway.url, query, variables, await asDistricts([home]));
      expect(foreignRows(first.data, home)).toEqual([]);
      const second = await postGraphql(stack.gateway.url, query, variables, await asDistricts([other]));
      expect(foreignRows(second.data, other)).toEqual([]);
      const again = await postGraphql(stack.gateway.url, query, variables, await asDistricts([home]));
      expect(foreignRows(again.data, home)).toEqual([]);
    }
  });
});
