/**
 * Against the seed's own world (test scale): every elevator reaches the graph intact through the
 * stand-in and the adapter, and the overdue search finds exactly the manifest's overdue elevators.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { type ElevatorAdapter, createElevatorAdapter } from '../../adapters/elevator/index.ts';
import { prepareElevator, startElevatorStandIn, type RunningElevatorStandIn } from '../../legacy/elevator/index.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { buildManifest } from '../../legacy/seed/manifest.ts';
import type { World } from '../../legacy/seed/world.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { DISTRICTS } from '../../reference/index.ts';
import { createElevatorSubgraph } from './index.ts';
import type { IndexSnapshot } from './register-index.ts';
import { worldEligibility } from '../../test/support/elevator/eligibility.ts';
import { type KeepIndex, keptIndexPath } from '../common/index-file.ts';

interface OverduePage {
  nodes: { registrationCode: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

const APP = { appKey: 'seed-test', appSecret: 'seed-test-secret' };
const logger = createLogger({ level: 'silent', name: 'test' });
let world: World;
let dir: string;
let platform: RunningElevatorStandIn;
let adapter: ElevatorAdapter;
const recorder = new CallRecorder();

/** A subgraph over the seeded platform, judging eligibility with the world's credit classes and inspections. */
function serve(keepIndex?: KeepIndex) {
  const facts = worldEligibility(world);
  const definition = createElevatorSubgraph({
    adapter,
    eligibility: facts,
    clock: fixedClock(`${world.asOf}T18:00:00+08:00`),
    logger,
    keepIndex,
  });
  const server = createSubgraphServer(definition, logger);
  const execute = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await server.executeOperation(
      { query, variables },
      { contextValue: createContext(definition, logger, 'seed') },
    );
    const result = (response.body as unknown as { singleResult: { data: T; errors?: unknown[] } }).singleResult;
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  return { facts, definition, server, execute };
}

beforeAll(async () => {
  world = generateWorld({ scale: 'test' });
  dir = mkdtempSync(join(tmpdir(), 'eg-elevator-seed-'));
  prepareElevator(world, dir);
  platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  adapter = createElevatorAdapter({
    url: platform.url,
    ...APP,
    timeoutMs: 5000,
    logger,
    observers: [recorder.observer],
  });
});
afterAll(async () => {
  adapter?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the seed world through the elevator platform', () => {
  it("serves every registered elevator intact, with its newest maintenance date, in the registry's status and use", async () => {
    const registry = new Map(world.equipment.map((e) => [e.registrationCode, e]));
    const deleted = new Set(world.equipment.filter((e) => e.deleted).map((e) => e.registrationCode));
    const codes = world.elevators.map((e) => e.registrationCode);
    const profiles = await adapter.elevatorsByCode(codes);
    const last = await adapter.lastMaintenanceByCode(codes);
    const newest = new Map<string, string>();
    for (const m of world.maintenance)
      if ((newest.get(m.registrationCode) ?? '') < m.date) newest.set(m.registrationCode, m.date);
    world.elevators.forEach((e, i) => {
      const profile = profiles[i];
      if (deleted.has(e.registrationCode)) return expect(profile).toBeNull();
      expect(profile).toMatchObject({
        registrationCode: e.registrationCode,
        qrId: e.qrId,
        floors: e.floors,
        speed: e.speed,
        installedOn: e.installedOn,
        maintainerUscc: e.maintainerUscc,
        onDemand: e.onDemand,
      });
      // "In use" and "residential" are judged on the platform's copy: it must agree with the registry.
      expect(profile).toMatchObject({
        status: registry.get(e.registrationCode)!.status,
        usage: registry.get(e.registrationCode)!.usage,
      });
      expect(last[i] === null ? null : (last[i] as { date: string }).date).toBe(newest.get(e.registrationCode) ?? null);
    });
  });

  it('finds exactly the overdue elevators of the ground-truth manifest, on-demand eligibility included', async () => {
    const { facts, server, execute } = serve();
    try {
      const found: string[] = [];
      for (let after: string | null = null; ;) {
        const data: { elevators: OverduePage } = await execute(
          `query($after: String) { elevators(filter: { maintenanceOverdue: true }, first: 100, after: $after) { nodes { registrationCode } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        found.push(...data.elevators.nodes.map((n) => n.registrationCode));
        if (!data.elevators.pageInfo.hasNextPage) break;
        after = data.elevators.pageInfo.endCursor;
      }
      const truth = buildManifest(world).overdueMaintenance;
      // Some of them are overdue only because their maintainer's class or their inspection lapsed.
      const onDemandLooking = new Set(
        world.elevators.filter((e) => e.onDemand && e.remoteMonitoring && e.insured).map((e) => e.registrationCode),
      );
      expect(truth.filter((c) => onDemandLooking.has(c)).length).toBeGreaterThan(0);
      expect([...found].sort()).toEqual(truth);
      // The index asked the credit system once and the inspection system once per thousand candidates.
      const candidates = world.elevators.filter(
        (e) =>
          onDemandLooking.has(e.registrationCode) &&
          !world.equipment.find((q) => q.registrationCode === e.registrationCode)?.deleted,
      ).length;
      expect(facts.calls).toEqual([
        { fact: 'riskClasses', keys: expect.any(Number) },
        { fact: 'latestInspections', keys: candidates },
      ]);
      // The district figures come from the same snapshot and the same rule.
      const data = await execute<{ _entities: { code: string; elevatorStatistics: { overdueMaintenance: number } }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on District { code elevatorStatistics { overdueMaintenance } } } }`,
        { r: DISTRICTS.map((d) => ({ __typename: 'District', code: d.code })) },
      );
      const counts = buildManifest(world).counts;
      expect(Object.fromEntries(data._entities.map((d) => [d.code, d.elevatorStatistics.overdueMaintenance]))).toEqual(
        Object.fromEntries(DISTRICTS.map((d) => [d.code, counts[d.code]!.overdueMaintenance])),
      );
      expect(facts.calls).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  it("lists 100 enterprises' elevators (overdue ones filtered) from the index: no platform call per enterprise", async () => {
    const { definition, server, execute } = serve();
    try {
      await definition.index.refresh();
      const overdue = new Set(buildManifest(world).overdueMaintenance);
      const maintainers = [...new Set(world.elevators.map((e) => e.maintainerUscc))].sort();
      const users = [...new Set(world.elevators.map((e) => e.userUscc))].sort();
      const enterprises = [...maintainers, ...users.slice(0, 100 - maintainers.length)];
      expect(enterprises).toHaveLength(100);
      recorder.clear();
      const data = await execute<{
        _entities: {
          uscc: string;
          maintainedElevators: { totalCount: number; nodes: { registrationCode: string }[] };
          usedElevators: { totalCount: number };
        }[];
      }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc
          maintainedElevators(filter: { maintenanceOverdue: true }, first: 100) { totalCount nodes { registrationCode } } usedElevators(first: 1) { totalCount } } } }`,
        { r: enterprises.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
      );
      expect(recorder.calls).toEqual([]);
      const onPlatform = new Set(world.equipment.filter((e) => !e.deleted).map((e) => e.registrationCode));
      for (const e of data._entities) {
        const truth = world.elevators
          .filter((x) => x.maintainerUscc === e.uscc && overdue.has(x.registrationCode))
          .map((x) => x.registrationCode)
          .sort();
        expect(e.maintainedElevators.nodes.map((n) => n.registrationCode)).toEqual(truth);
        expect(e.maintainedElevators.totalCount).toBe(truth.length);
        expect(e.usedElevators.totalCount).toBe(
          world.elevators.filter((x) => x.userUscc === e.uscc && onPlatform.has(x.registrationCode)).length,
        );
      }
    } finally {
      await server.stop();
    }
  });

  it("ranks the maintenance companies with the manifest's overdue counts, in the city and in a district", async () => {
    const { server, execute } = serve();
    try {
      const overdue = new Set(buildManifest(world).overdueMaintenance);
      const inUse = new Map(
        world.equipment.filter((e) => !e.deleted && e.status === 'IN_USE').map((e) => [e.registrationCode, e.district]),
      );
      const truth = (district?: string) => {
        const companies = new Map<string, { elevatorsMaintained: number; overdue: number }>();
        for (const e of world.elevators) {
          const at = inUse.get(e.registrationCode);
          if (at === undefined || (district !== undefined && at !== district)) continue;
          const c = companies.get(e.maintainerUscc) ?? { elevatorsMaintained: 0, overdue: 0 };
          c.elevatorsMaintained++;
          if (overdue.has(e.registrationCode)) c.overdue++;
          companies.set(e.maintainerUscc, c);
        }
        return companies;
      };
      type Ranking = {
        maintenanceCompanyRanking: {
          totalCount: number;
          nodes: {
            rank: number;
            company: { uscc: string };
            elevatorsMaintained: number;
            overdue: number;
            overdueRatio: number;
          }[];
        };
      };
      const query = `query($d: ID) { maintenanceCompanyRanking(district: $d, first: 100) { totalCount nodes { rank company { uscc } elevatorsMaintained overdue overdueRatio } } }`;
      for (const district of [undefined, '310115', '310106']) {
        const { maintenanceCompanyRanking: ranking } = await execute<Ranking>(query, { d: district ?? null });
        const expected = truth(district);
        expect(expected.size).toBeGreaterThan(1);
        expect(ranking.totalCount).toBe(expected.size);
        expect(
          new Map(
            ranking.nodes.map((n) => [
              n.company.uscc,
              { elevatorsMaintained: n.elevatorsMaintained, overdue: n.overdue },
            ]),
          ),
        ).toEqual(expected);
        // Ordered by ratio, then count (both descending), then USCC.
        const order = [...ranking.nodes].sort(
          (a, b) =>
            b.overdueRatio - a.overdueRatio || b.overdue - a.overdue || a.company.uscc.localeCompare(b.company.uscc),
        );
        expect(ranking.nodes.map((n) => n.company.uscc)).toEqual(order.map((n) => n.company.uscc));
        expect(ranking.nodes.map((n) => n.rank)).toEqual(ranking.nodes.map((_, i) => i + 1));
      }
    } finally {
      await server.stop();
    }
  });

  it("finds exactly the manifest's old residential elevators: residential, in use, installed before today minus 15 years", async () => {
    const { server, execute } = serve();
    try {
      const cutoff = `${Number(world.asOf.slice(0, 4)) - 15}${world.asOf.slice(4)}`;
      const found: string[] = [];
      for (let after: string | null = null; ;) {
        const data: { elevators: OverduePage } = await execute(
          `query($after: String, $before: Date) { elevators(filter: { usage: RESIDENTIAL, status: IN_USE, installedBefore: $before }, first: 100, after: $after) { nodes { registrationCode } pageInfo { hasNextPage endCursor } } }`,
          { after, before: cutoff },
        );
        found.push(...data.elevators.nodes.map((n) => n.registrationCode));
        if (!data.elevators.pageInfo.hasNextPage) break;
        after = data.elevators.pageInfo.endCursor;
      }
      const truth = buildManifest(world).oldResidentialElevators;
      expect(truth.length).toBeGreaterThan(0);
      expect([...found].sort()).toEqual(truth);
    } finally {
      await server.stop();
    }
  });

  it('a kept index is served by the next start at once, with its own refreshedAt and the same answers, no platform call', async () => {
    const keep = { dir: join(dir, 'indexes'), source: 'test-seed' };
    const first = serve(keep);
    const second = serve(keep);
    try {
      await first.definition.index.warmUp();
      const built = await first.definition.index.current();
      // Kept in the background after the build.
      for (let i = 0; i < 100 && !existsSync(keptIndexPath(keep, 'elevator')); i++)
        await new Promise((r) => setTimeout(r, 50));
      recorder.clear();
      await second.definition.index.warmUp();
      const restored = await second.definition.index.current();
      expect(recorder.calls).toEqual([]);
      expect(second.facts.calls).toEqual([]);
      expect(restored.refreshedAt).toEqual(built.refreshedAt);
      // Kept as columns and row numbers (index-rows.ts), restored whole: rows, lists in order, maps, figures.
      expect(restored.today).toBe(built.today);
      expect(restored.skippedRecords).toBe(built.skippedRecords);
      expect(restored.elevators).toEqual(built.elevators);
      expect(Object.keys(restored.elevators[0]!.profile)).toEqual(Object.keys(built.elevators[0]!.profile));
      const codes = (lists: IndexSnapshot['maintainedBy']) =>
        [...lists].map(([key, list]) => [key, list.map((e) => e.profile.registrationCode)]);
      expect(codes(restored.maintainedBy)).toEqual(codes(built.maintainedBy));
      expect(codes(restored.usedBy)).toEqual(codes(built.usedBy));
      // A row is one object, whether reached from the rows, a list or the lookup by code.
      const row = restored.elevators[0]!;
      expect(restored.maintainedBy.get(row.profile.maintainerUscc)).toContain(row);
      expect(restored.byCode.get(row.profile.registrationCode)).toBe(row);
      expect([...restored.byCode.keys()]).toEqual([...built.byCode.keys()]);
      expect([...restored.codeOfQrId]).toEqual([...built.codeOfQrId]);
      expect(restored.aggregates).toEqual(built.aggregates);
      // Equal values are one value in a build and in a restore alike (strings cannot be told apart here).
      for (const snapshot of [built, restored]) {
        const assessed = snapshot.elevators.map((e) => e.profile.safetyAssessment).filter((a) => a !== null);
        const one = new Map(assessed.map((a) => [JSON.stringify(a), a]));
        expect(assessed.length).toBeGreaterThan(one.size);
        for (const a of assessed) expect(a).toBe(one.get(JSON.stringify(a)));
      }
      const overdue = `{ elevators(filter: { maintenanceOverdue: true }, first: 5) { totalCount nodes { registrationCode } } }`;
      expect(await second.execute(overdue)).toEqual(await first.execute(overdue));
    } finally {
      await first.server.stop();
      await second.server.stop();
    }
  });

  it('a kept index of the former form (the snapshot itself, format 1) is ignored and the index built', async () => {
    const keep = { dir: join(dir, 'indexes-former'), source: 'test-seed' };
    const first = serve(keep);
    const second = serve(keep);
    // Never asked a query: their servers are never started, so there is none to stop.
    await first.definition.index.warmUp();
    const path = keptIndexPath(keep, 'elevator');
    for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
    // The same source and a sound checksum: only the format tells it is the former form.
    const file = readFileSync(path);
    const header = JSON.parse(file.subarray(0, file.indexOf(0x0a)).toString('utf8')) as { source: string };
    const body = serialize(await first.definition.index.current());
    const former = { format: 1, source: header.source, sha256: createHash('sha256').update(body).digest('hex') };
    writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify({ ...former, bytes: body.length })}\n`), body]));
    recorder.clear();
    await second.definition.index.warmUp();
    expect(recorder.calls.length).toBeGreaterThan(0);
  });
});
