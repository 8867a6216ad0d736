/**
 * The credit subgraph as a real Apollo subgraph server over the real adapter (PGlite, fed by the
 * stand-in's drop directory), and through the federation gateway composed from schema/credit.graphql.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import type { CreditAdapter } from '../../adapters/credit/index.ts';
import { createCreditAdapter } from '../../adapters/credit/index.ts';
import { type TempDrop, quietLogger, tempDrop } from '../../test/support/credit/drop-folder.ts';
import { deliverFile, headerOnlyBody } from '../../test/support/credit/deliveries.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { TEST_GATEWAY_ENV, TEST_TRUST } from '../../test/support/callers.ts';
import { postGraphql } from '../../test/support/graphql.ts';
import { type RunningGateway, startGateway } from '../../gateway/server.ts';
import { creditTestWorld, testUscc } from '../../test/support/credit/hand-world.ts';
import type { RunningHttpServer } from '../../runtime/apollo-http.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { startSubgraph } from '../common/server.ts';
import { subgraphSdl } from '../../graph/sdl.ts';
import { createCreditSubgraph } from './index.ts';

const world = creditTestWorld(1000);

interface GqlAnswer {
  data?: Record<string, any>;
  errors?: { message: string; extensions: { code: string } }[];
}
const post = (url: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlAnswer> =>
  postGraphql(url, query, variables);

/** Enterprises the register should list as missing the report of `year`, from the world itself. */
function expectedMissing(year: number): string[] {
  const filed = new Set([
    ...world.credit.snapshot.annualReports.filter((r) => r.year === year).map((r) => r.uscc),
    ...world.credit.increments.flatMap((c) =>
      c.kind === 'annualReport' && c.report.year === year ? [c.report.uscc] : [],
    ),
  ]);
  return world.enterprises
    .filter((e) => e.status === 'ACTIVE' && e.establishedOn <= `${year}-12-31` && !filed.has(e.uscc))
    .map((e) => e.uscc)
    .sort();
}

function finalRiskClass(uscc: string): string | undefined {
  const changes = world.credit.increments.flatMap((c) =>
    c.kind === 'riskClass' && c.uscc === uscc ? [c.riskClass] : [],
  );
  return changes.at(-1) ?? world.credit.snapshot.riskClasses[uscc];
}

describe('credit subgraph', () => {
  let drop: TempDrop;
  let adapter: CreditAdapter;
  let subgraph: RunningHttpServer;
  let gateway: RunningGateway;
  let supergraphDir: string;
  const recorder = new CallRecorder();

  beforeAll(async () => {
    drop = await tempDrop(world);
    adapter = await createCreditAdapter({
      dropDir: drop.dropDir,
      timeoutMs: 10_000,
      logger: quietLogger(),
      observers: [recorder.observer],
    });
    await adapter.ingest();
    const definition = createCreditSubgraph({ adapter, clock: fixedClock('2026-10-22T10:00:00+08:00') });
    subgraph = await startSubgraph(definition, {
      host: '127.0.0.1',
      port: 0,
      logger: quietLogger(),
      trust: TEST_TRUST,
    });
    const composed = composeServices([{ name: 'credit', url: subgraph.url, typeDefs: parse(subgraphSdl('credit')) }]);
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
    supergraphDir = await mkdtemp(join(tmpdir(), 'eg-credit-supergraph-'));
    await writeFile(join(supergraphDir, 'supergraph.graphql'), composed.supergraphSdl);
    gateway = await startGateway(
      readGatewayConfig({
        ...TEST_GATEWAY_ENV,
        GATEWAY_PORT: '0',
        SUPERGRAPH_PATH: join(supergraphDir, 'supergraph.graphql'),
      }),
      quietLogger(),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraph?.stop();
    await adapter?.close();
    await drop?.cleanup();
    if (supergraphDir) await rm(supergraphDir, { recursive: true, force: true });
  });

  it('answers an enterprise with register data and credit profile through the gateway, the legal representative masked', async () => {
    const answer = await post(
      gateway.url,
      `query($u: ID!) { enterprise(uscc: $u) {
      uscc name type status district { code } recordedDistrictCode registeredAddress legalRepresentative establishedOn
      credit { riskClass riskClassifiedOn annualReports { year filedOn onTime } penalties { decisionNumber decidedOn }
               abnormalOperations { reason listedOn removedOn } onAbnormalList seriousViolation { listedOn } } } }`,
      { u: testUscc(5) },
    );
    expect(answer).toEqual({
      data: {
        enterprise: {
          uscc: testUscc(5),
          name: '上海信用测试5号有限公司',
          type: '有限责任公司',
          status: 'ACTIVE',
          district: { code: '310109' },
          recordedDistrictCode: '310109',
          registeredAddress: '上海市测试路5号',
          legalRepresentative: '李**',
          establishedOn: '2005-06-15',
          credit: {
            riskClass: 'B',
            riskClassifiedOn: '2026-10-18',
            annualReports: [
              { year: 2025, filedOn: '2026-07-15', onTime: false },
              { year: 2024, filedOn: '2025-05-20', onTime: true },
            ],
            penalties: [{ decisionNumber: '沪市监浦处〔2026〕1005号', decidedOn: '2026-06-15' }],
            abnormalOperations: [{ reason: 'UNREACHABLE_AT_ADDRESS', listedOn: '2026-10-20', removedOn: '2026-10-21' }],
            onAbnormalList: false,
            seriousViolation: null,
          },
        },
      },
    });
  });

  it('refuses a malformed USCC with BAD_USER_INPUT saying why, and answers null for an unknown one', async () => {
    const bad = await post(gateway.url, '{ enterprise(uscc: "91310000132260250Y") { name } }');
    expect(bad.errors?.[0]).toMatchObject({
      message: "uscc is not a valid unified social credit code: check character should be 'X', got 'Y'",
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await post(gateway.url, '{ enterprise(uscc: "91310000132260250X") { name } }')).toEqual({
      data: { enterprise: null },
    });
    // The enterprise removed by the 2026-10-21 increment is gone from the register.
    expect(await post(gateway.url, `{ enterprise(uscc: "${testUscc(4)}") { name } }`)).toEqual({
      data: { enterprise: null },
    });
  });

  it('searches by name, district (retired codes mapped) and risk class as a paged connection', async () => {
    const q = `query($f: CreditEnterpriseFilter, $after: String) { enterpriseSearch(filter: $f, first: 2, after: $after) {
      totalCount nodes { uscc } pageInfo { hasNextPage endCursor } } }`;
    const filter = { district: '310108', riskClass: 'C' };
    const expected = world.enterprises
      .filter((e) => e.district === '310106' && finalRiskClass(e.uscc) === 'C')
      .map((e) => e.uscc)
      .sort();
    const first = (await post(gateway.url, q, { f: filter })).data?.enterpriseSearch;
    const second = (await post(gateway.url, q, { f: filter, after: first.pageInfo.endCursor })).data?.enterpriseSearch;
    expect(first.totalCount).toBe(expected.length);
    expect([...first.nodes, ...second.nodes].map((n: { uscc: string }) => n.uscc)).toEqual(expected.slice(0, 4));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect((await post(gateway.url, q, { f: { nameContains: '老字号' } })).data?.enterpriseSearch).toMatchObject({
      totalCount: 1,
      nodes: [{ uscc: testUscc(6) }],
    });
    expect((await post(gateway.url, q, { f: { district: '320101' } })).errors?.[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('lists enterprises missing the annual report of a finished year, and refuses a year not yet due', async () => {
    const q =
      'query($y: Int!, $after: String) { enterprisesMissingAnnualReport(year: $y, first: 100, after: $after) { totalCount nodes { uscc } pageInfo { endCursor hasNextPage } } }';
    const expected = expectedMissing(2025);
    const page = (await post(gateway.url, q, { y: 2025 })).data?.enterprisesMissingAnnualReport;
    expect(page.totalCount).toBe(expected.length);
    expect(page.nodes.map((n: { uscc: string }) => n.uscc)).toEqual(expected.slice(0, 100));
    expect((await post(gateway.url, q, { y: 2026 })).errors?.[0]).toMatchObject({
      message: 'year must be a finished report year from 1990 to 2025, got 2026',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('lists enterprises currently on each credit list', async () => {
    const q =
      'query($l: CreditListKind!) { enterprisesOnCreditList(list: $l) { totalCount nodes { uscc credit { onAbnormalList seriousViolation { reason } } } } }';
    const abnormal = (await post(gateway.url, q, { l: 'ABNORMAL_OPERATION' })).data?.enterprisesOnCreditList;
    expect(abnormal.nodes.map((n: { uscc: string }) => n.uscc)).toEqual([testUscc(10), testUscc(11)].sort());
    expect(abnormal.nodes.every((n: { credit: { onAbnormalList: boolean } }) => n.credit.onAbnormalList)).toBe(true);
    const serious = (await post(gateway.url, q, { l: 'SERIOUS_VIOLATION' })).data?.enterprisesOnCreditList;
    expect(serious).toMatchObject({
      totalCount: 1,
      nodes: [
        { uscc: testUscc(13), credit: { seriousViolation: { reason: '被列入经营异常名录届满3年仍未履行相关义务' } } },
      ],
    });
  });

  it('reports the freshness of the credit data', async () => {
    expect(
      await post(
        gateway.url,
        '{ creditDataFreshness { newestFileDate appliedFiles rejectedFiles supersededFiles quarantinedRows heldFiles { file } } }',
      ),
    ).toEqual({
      data: {
        creditDataFreshness: {
          newestFileDate: '2026-10-21',
          appliedFiles: 14,
          rejectedFiles: 0,
          supersededFiles: 0,
          quarantinedRows: drop.feed.badRows.length,
          heldFiles: [],
        },
      },
    });
  });

  it('resolves 1,000 enterprise references with one store query per batch', async () => {
    const representations = world.enterprises.map((e) => ({ __typename: 'Enterprise', uscc: e.uscc }));
    recorder.clear();
    const answer = await post(
      subgraph.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc name credit { riskClass } } } }',
      { r: representations },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toHaveLength(1000);
    expect(answer.data?._entities.every((e: { name: string | null }) => e.name !== null)).toBe(true);
    expect(recorder.calls.map((c) => [c.operation, c.keys])).toEqual([
      ['enterprisesByUscc', 1000],
      ['creditProfiles', 1000],
    ]);
  });

  it('pages through the gateway with nested credit profiles in one batch, the page priming the enterprise loader', async () => {
    recorder.clear();
    const answer = await post(gateway.url, '{ enterpriseSearch(first: 100) { nodes { name credit { riskClass } } } }');
    expect(answer.data?.enterpriseSearch.nodes).toHaveLength(100);
    expect(recorder.calls.map((c) => c.operation)).toEqual(['searchEnterprises', 'creditProfiles']);
  });
  it('shows a held snapshot in the freshness with its reason, the register untouched and still served', async () => {
    await deliverFile(drop.dropDir, 'QYJBXX_FULL_20261030.csv', headerOnlyBody('QYJBXX'));
    await adapter.ingest();
    const answer = await post(
      gateway.url,
      `{ enterpriseSearch(first: 1) { totalCount }
         creditDataFreshness { newestFileDate heldFiles { dataset file reason rows currentRows since } } }`,
    );
    expect(answer).toEqual({
      data: {
        enterpriseSearch: { totalCount: 1000 },
        creditDataFreshness: {
          newestFileDate: '2026-10-21',
          heldFiles: [
            {
              dataset: 'REGISTER',
              file: 'QYJBXX_FULL_20261030.csv',
              reason: 'no usable rows (0 lines quarantined): applying it would empty a dataset of 1000 rows',
              rows: 0,
              currentRows: 1000,
              since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
            },
          ],
        },
      },
    });
  });
});
