/** Index-backed figures, search and workload over the in-memory port, executed by a real Apollo server. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InMemoryElevatorPort } from '../../adapters/elevator/memory.ts';
import { MAX_WORKLOAD_PAGES_PER_REQUEST, WorkloadBudget } from './workload.ts';
import type { Alarm, ElevatorProfile, MaintenanceRecord } from '../../adapters/elevator/types.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { createElevatorSubgraph } from './index.ts';
import { ElevatorIndex } from './register-index.ts';
import { DEFAULT_MAINTENANCE_RULES } from './config.ts';
import { fixedEligibility } from '../../test/support/elevator/eligibility.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T12:00:00+08:00`);
const M1 = '91310000132260250X';
const M2 = '9131000013221158XC';
const code = (i: number) => `3110310000201001${String(i).padStart(4, '0')}`;
const qr = (i: number) => `SH${String(i * 7).padStart(8, '0')}`;

function profile(i: number, over: Partial<ElevatorProfile> = {}): ElevatorProfile {
  return {
    registrationCode: code(i),
    qrId: qr(i),
    catalogueCode: '3110',
    address: `路${i}号`,
    district: '310115',
    recordedDistrict: '310115',
    subDistrict: '街道',
    usage: 'RESIDENTIAL',
    floors: 10,
    speed: 1.5,
    manufacturer: '厂',
    installedOn: '2015-06-01',
    maintainerUscc: M1,
    userUscc: M2,
    installerUscc: null,
    remoteMonitoring: false,
    onDemand: false,
    insured: true,
    status: 'IN_USE',
    safetyAssessment: null,
    addedToExistingBuilding: false,
    ...over,
  };
}
function visit(i: number, date: string, certificates = ['TZT-310000000001']): MaintenanceRecord {
  return {
    id: `${i}-${date}`,
    registrationCode: code(i),
    performedAt: new Date(`${date}T09:00:00+08:00`),
    date,
    kind: 'HALF_MONTHLY',
    companyUscc: M1,
    certificateNumbers: certificates,
    durationMinutes: 60,
    items: [],
  };
}
function alarm(i: number, kind: Alarm['kind'], hoursAgo: number, arrivalMinutes: number | null): Alarm {
  const raisedAt = new Date(NOW.getTime() - hoursAgo * 3600_000);
  return {
    id: `A${i}-${hoursAgo}`,
    registrationCode: code(i),
    kind,
    source: 'INTERCOM',
    state: arrivalMinutes === null ? 'ACCEPTED' : 'RESCUER_ARRIVED',
    raisedAt,
    acceptedAt: new Date(raisedAt.getTime() + 60_000),
    arrivedAt: arrivalMinutes === null ? null : new Date(raisedAt.getTime() + arrivalMinutes * 60_000),
    resolvedAt: null,
    closedAt: null,
  };
}

const port = new InMemoryElevatorPort({
  elevators: [
    profile(1), // maintained 5 days ago
    profile(2, { installedOn: '2005-03-01' }), // old, overdue (20 days)
    profile(3, { onDemand: true, remoteMonitoring: true }), // on demand and eligible, 20 days: within 30
    profile(4, { district: '310106', recordedDistrict: '310108', maintainerUscc: M2 }), // never maintained
    profile(5, {
      onDemand: true,
      remoteMonitoring: true,
      district: '310101',
      recordedDistrict: '310101',
      maintainerUscc: M2,
    }), // on demand, but maintainer class C: 20 days is overdue
    profile(6, { onDemand: true, remoteMonitoring: true, district: '310101', recordedDistrict: '310101' }), // on demand, but its inspection has lapsed
  ],
  maintenance: [
    visit(1, '2026-11-15'),
    visit(1, '2026-11-15', ['TZT-310000000001']),
    visit(2, '2026-10-31'),
    visit(3, '2026-10-31', ['TZT-310000000002']),
    visit(5, '2026-10-31'),
    visit(6, '2026-10-31'),
  ],
  alarms: [
    alarm(1, 'ENTRAPMENT', 2, 20),
    alarm(2, 'ENTRAPMENT', 5, 40),
    alarm(1, 'FAULT', 3, null),
    alarm(2, 'ENTRAPMENT', 30, 10),
    alarm(4, 'ENTRAPMENT', 1, null),
  ],
});
// The credit system classes M1 A and M2 C; elevator 6's last inspection set a due date already past.
const VALID = { nextDueOn: '2027-03-01', conclusion: 'PASS' } as const;
const facts = fixedEligibility(
  { [M1]: 'A', [M2]: 'C' },
  { [code(3)]: VALID, [code(5)]: VALID, [code(6)]: { nextDueOn: '2026-11-01', conclusion: 'PASS' } },
);
const definition = createElevatorSubgraph({
  adapter: port,
  eligibility: facts,
  clock: fixedClock(NOW),
  logger,
  indexMaxAgeMs: 60_000,
});
const server = createSubgraphServer(definition, logger);
afterAll(() => server.stop());

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createContext(definition, logger, 'test') },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: any[] };
}

describe('district statistics', () => {
  it('counts from the refreshed index, built once and reused by later queries', async () => {
    const q = `{ _entities(representations: [{ __typename: "District", code: "310115" }, { __typename: "District", code: "310106" }, { __typename: "District", code: "310151" }]) {
      ... on District { elevatorStatistics { total overFifteenYears onDemandEnrolled overdueMaintenance overdueRatio alarmsLast24h entrapmentsLast24h averageRescueArrivalMinutes refreshedAt maxAgeSeconds } } } }`;
    const first = await run(q);
    const batchesAfterBuild = port.batches.length;
    const second = await run(q);
    expect(port.batches.length).toBe(batchesAfterBuild);
    expect(second.data).toEqual(first.data);
    const [pudong, jingan, chongming] = first.data._entities.map((d: any) => d.elevatorStatistics);
    expect(pudong).toMatchObject({
      total: 3,
      overFifteenYears: 1,
      onDemandEnrolled: 1,
      overdueMaintenance: 1,
      alarmsLast24h: 3,
      entrapmentsLast24h: 2,
      averageRescueArrivalMinutes: 30,
      maxAgeSeconds: 60,
    });
    expect(pudong.overdueRatio).toBeCloseTo(1 / 3);
    expect(jingan).toMatchObject({
      total: 1,
      overdueMaintenance: 1,
      entrapmentsLast24h: 1,
      averageRescueArrivalMinutes: null,
    });
    expect(chongming).toMatchObject({ total: 0, overdueRatio: 0 });
    expect(Date.parse(pudong.refreshedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('serves a stale snapshot while it rebuilds behind it', async () => {
    let now = 1_000_000;
    const index = new ElevatorIndex({
      port,
      eligibility: facts,
      clock: fixedClock(NOW),
      rules: DEFAULT_MAINTENANCE_RULES,
      logger,
      maxAgeMs: 1000,
      now: () => now,
    });
    const first = await index.current();
    now += 5000;
    expect(await index.current()).toBe(first);
    const rebuilt = await index.refresh();
    expect(rebuilt).not.toBe(first);
    expect(await index.current()).toBe(rebuilt);
  });
});

describe('on-demand eligibility', () => {
  it('judges each elevator with its maintainer credit class and inspection, asking each system once per request', async () => {
    const before = facts.calls.length;
    const representations = [1, 3, 5, 6].map((i) => `{ __typename: "Equipment", code: "${code(i)}" }`).join(', ');
    const result = await run(
      `{ _entities(representations: [${representations}]) { ... on Equipment { elevator { onDemandEligible maintenanceOverdue } } } }`,
    );
    expect(result.data._entities.map((e: any) => e.elevator)).toEqual([
      { onDemandEligible: false, maintenanceOverdue: false }, // not enrolled: nothing asked of the other systems
      { onDemandEligible: true, maintenanceOverdue: false },
      { onDemandEligible: false, maintenanceOverdue: true }, // class C
      { onDemandEligible: false, maintenanceOverdue: true }, // inspection due date passed
    ]);
    expect(facts.calls.slice(before)).toEqual([
      { fact: 'riskClasses', keys: 2 },
      { fact: 'latestInspections', keys: 3 },
    ]);
  });

  it('judges on the fixed interval when a fact cannot be read', async () => {
    const failing = {
      ...facts,
      riskClasses: async (usccs: readonly string[]) => usccs.map(() => new Error('credit store down')),
    };
    const definition = createElevatorSubgraph({ adapter: port, eligibility: failing, clock: fixedClock(NOW), logger });
    const server = createSubgraphServer(definition, logger);
    const response = await server.executeOperation(
      {
        query: `{ _entities(representations: [{ __typename: "Equipment", code: "${code(3)}" }]) { ... on Equipment { elevator { onDemandEligible maintenanceOverdue } } } }`,
      },
      { contextValue: createContext(definition, logger, 'test') },
    );
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({
      _entities: [{ elevator: { onDemandEligible: false, maintenanceOverdue: true } }],
    });
    const snapshot = await definition.index.refresh();
    expect(snapshot.elevators.find((e) => e.profile.registrationCode === code(3))).toMatchObject({
      onDemandEligible: false,
      overdue: true,
    });
    await server.stop();
  });
});

describe('root search and recent alarms', () => {
  it('finds overdue elevators from the index and filters the rest on the platform', async () => {
    const q = `query($f: ElevatorSearchFilter) { elevators(filter: $f) { totalCount nodes { registrationCode } } }`;
    const codes = async (f: object) => (await run(q, { f })).data.elevators.nodes.map((n: any) => n.registrationCode);
    expect(await codes({ maintenanceOverdue: true })).toEqual([code(2), code(4), code(5), code(6)]);
    expect(await codes({ maintenanceOverdue: true, district: '310108' })).toEqual([code(4)]);
    expect(await codes({ maintenanceOverdue: false, onDemand: true })).toEqual([code(3)]);
    expect(await codes({ minAgeYears: 15 })).toEqual([code(2)]);
    expect(await codes({ maintainer: M2 })).toEqual([code(4), code(5)]);
  });

  it('asks what the platform cannot filter (use, status, installed strictly before) of the index', async () => {
    const q = `query($f: ElevatorSearchFilter) { elevators(filter: $f) { totalCount nodes { registrationCode } } }`;
    const codes = async (f: object) => (await run(q, { f })).data.elevators.nodes.map((n: any) => n.registrationCode);
    expect(await codes({ usage: 'RESIDENTIAL', status: 'IN_USE', installedBefore: '2005-03-01' })).toEqual([]);
    expect(await codes({ usage: 'RESIDENTIAL', status: 'IN_USE', installedBefore: '2005-03-02' })).toEqual([code(2)]);
    expect(await codes({ usage: 'OFFICE' })).toEqual([]);
    expect(await codes({ status: 'IN_USE', maintainer: M2 })).toEqual([code(4), code(5)]);
  });

  it('refuses malformed filter codes with BAD_USER_INPUT naming the argument', async () => {
    const q = `query($f: ElevatorSearchFilter) { elevators(filter: $f) { totalCount } }`;
    expect((await run(q, { f: { district: '310199' } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.district',
    });
    expect((await run(q, { f: { maintainer: '91310000132260250Y' } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.maintainer',
    });
    expect((await run(q, { f: { minAgeYears: -1 } })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lists alarms of the last 24 hours by default, newest first', async () => {
    const result = await run(
      `{ recentAlarms(filter: { kind: ENTRAPMENT }) { totalCount nodes { raisedAt arrivalMinutes } } }`,
    );
    expect(result.data.recentAlarms).toEqual({
      totalCount: 3,
      nodes: [
        { raisedAt: '2026-11-20T11:00:00+08:00', arrivalMinutes: null },
        { raisedAt: '2026-11-20T10:00:00+08:00', arrivalMinutes: 20 },
        { raisedAt: '2026-11-20T07:00:00+08:00', arrivalMinutes: 40 },
      ],
    });
  });
});

describe('one elevator by registration code or QR id', () => {
  const q = `query($code: ID, $qr: String) { elevator(registrationCode: $code, qrId: $qr) { registrationCode qrId maintenanceOverdue } }`;

  it('finds it by either, live, and gives null for one the platform does not have', async () => {
    expect((await run(q, { code: code(2) })).data.elevator).toEqual({
      registrationCode: code(2),
      qrId: qr(2),
      maintenanceOverdue: true,
    });
    expect((await run(q, { qr: qr(3) })).data.elevator).toEqual({
      registrationCode: code(3),
      qrId: qr(3),
      maintenanceOverdue: false,
    });
    expect((await run(q, { code: code(99) })).data.elevator).toBeNull();
    expect((await run(q, { qr: 'SH99999999' })).data.elevator).toBeNull();
  });

  it('refuses none, both, or a malformed one with BAD_USER_INPUT', async () => {
    const refused = async (variables: Record<string, unknown>) => (await run(q, variables)).errors![0].extensions;
    expect(await refused({})).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused({ code: code(2), qr: qr(2) })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused({ code: '12345' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'registrationCode' });
    expect(await refused({ qr: 'SH12' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'qrId' });
  });
});

describe('maintenance risk ranking', () => {
  const q = `query($d: ID) { maintenanceCompanyRanking(district: $d) { totalCount refreshedAt nodes { rank company { uscc } elevatorsMaintained overdue overdueRatio } } }`;

  it('ranks companies by overdue ratio, then overdue count, then USCC, in the city or one district', async () => {
    const city = (await run(q)).data.maintenanceCompanyRanking;
    expect(city.nodes).toEqual([
      { rank: 1, company: { uscc: M2 }, elevatorsMaintained: 2, overdue: 2, overdueRatio: 1 },
      { rank: 2, company: { uscc: M1 }, elevatorsMaintained: 4, overdue: 2, overdueRatio: 0.5 },
    ]);
    expect(Date.parse(city.refreshedAt)).toBeGreaterThan(0);
    // In Huangpu each has one elevator, overdue: equal ratio and count, so USCC decides.
    expect(
      (await run(q, { d: '310101' })).data.maintenanceCompanyRanking.nodes.map((n: any) => [
        n.company.uscc,
        n.elevatorsMaintained,
        n.overdue,
      ]),
    ).toEqual([
      [M2, 1, 1],
      [M1, 1, 1],
    ]);
    expect((await run(q, { d: '310151' })).data.maintenanceCompanyRanking).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await run(q, { d: '310199' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'district',
    });
  });
});

describe("an enterprise's elevators", () => {
  it('lists them from the index, filtered by overdue maintenance and district (calls: seed.test.ts)', async () => {
    const result =
      await run(`{ _entities(representations: [{ __typename: "Enterprise", uscc: "${M1}" }, { __typename: "Enterprise", uscc: "${M2}" }]) { ... on Enterprise {
      overdue: maintainedElevators(filter: { maintenanceOverdue: true }) { totalCount nodes { registrationCode } }
      inDistrict: maintainedElevators(filter: { district: "310101" }) { nodes { registrationCode } }
      usedElevators(first: 2) { totalCount nodes { registrationCode } pageInfo { hasNextPage } } } } }`);
    const [m1, m2] = result.data._entities;
    expect(m1.overdue).toEqual({
      totalCount: 2,
      nodes: [{ registrationCode: code(2) }, { registrationCode: code(6) }],
    });
    expect(m1.inDistrict.nodes).toEqual([{ registrationCode: code(6) }]);
    expect(m2.overdue.nodes).toEqual([{ registrationCode: code(4) }, { registrationCode: code(5) }]);
    expect(m2.usedElevators).toEqual({
      totalCount: 6,
      nodes: [{ registrationCode: code(1) }, { registrationCode: code(2) }],
      pageInfo: { hasNextPage: true },
    });
  });

  it('refuses a malformed district with BAD_USER_INPUT', async () => {
    const result = await run(
      `{ _entities(representations: [{ __typename: "Enterprise", uscc: "${M1}" }]) { ... on Enterprise { maintainedElevators(filter: { district: "310199" }) { totalCount } } } }`,
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.district' });
  });
});

describe('maintenance company statistics', () => {
  it('gives counts, overdue ratio and the busiest operator-day', async () => {
    const result =
      await run(`{ _entities(representations: [{ __typename: "Enterprise", uscc: "${M1}" }, { __typename: "Enterprise", uscc: "91310115M000000007" }]) { ... on Enterprise {
      maintenanceStats { elevatorsMaintained overdue overdueRatio operatorWorkload(days: 30) { from to records operatorDays averageRecordsPerOperatorDay busiestOperatorDay { certificate { number } date records } } } } } }`);
    const [m1, none] = result.data._entities;
    expect(m1.maintenanceStats).toMatchObject({ elevatorsMaintained: 4, overdue: 2 });
    expect(m1.maintenanceStats.operatorWorkload).toEqual({
      from: '2026-10-22',
      to: TODAY,
      records: 6,
      operatorDays: 3,
      averageRecordsPerOperatorDay: 2,
      busiestOperatorDay: { certificate: { number: 'TZT-310000000001' }, date: '2026-10-31', records: 3 },
    });
    expect(none.maintenanceStats).toBeNull();
  });
});

describe('operator workload per request', () => {
  it("reads one company's records once per request, however many parents ask for them", async () => {
    const spy = vi.spyOn(port, 'maintenanceRecords');
    const result = await run(
      `{ _entities(representations: [${[M1, M1, M1].map((u) => `{ __typename: "Enterprise", uscc: "${u}" }`).join(', ')}]) {
        ... on Enterprise { maintenanceStats { operatorWorkload(days: 30) { records } } } } }`,
    );
    expect(result.data._entities.map((e: any) => e.maintenanceStats.operatorWorkload.records)).toEqual([6, 6, 6]);
    expect(spy.mock.calls.filter(([query]) => query.companyUscc === M1)).toHaveLength(1);
    spy.mockRestore();
  });

  it('caps the pages one request may read for all companies together, and says so', () => {
    const budget = new WorkloadBudget();
    budget.take(MAX_WORKLOAD_PAGES_PER_REQUEST - 10);
    expect(() => budget.take(11)).toThrow(
      'operatorWorkload reads at most 20000 records per request across all companies',
    );
    budget.take(10);
  });
});
