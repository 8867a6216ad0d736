/**
 * Resolver behaviour that needs a caller or a failing port: the in-memory port, executed in process.
 */
import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { LegacyError } from '../../graph/errors.ts';
import { MemoryCreditPort } from '../../adapters/credit/memory.ts';
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { Enterprise } from '../../adapters/credit/types.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { ANONYMOUS, type Caller, READ_SCOPES } from '../../graph/caller.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { memoryAuditTrail } from '../../test/support/audit.ts';
import { createCreditSubgraph } from './index.ts';

/** Where the subgraph records what it reveals (a reveal needs an audit trail). */
const audit = memoryAuditTrail();

const AUDITOR: Caller = { ...ANONYMOUS, subject: 'auditor', scopes: new Set([...READ_SCOPES, 'personal-data:read']) };

const SAIC: Enterprise = {
  uscc: '91310000132260250X',
  name: '上海汽车集团股份有限公司',
  type: '股份有限公司',
  status: 'ACTIVE',
  districtCode: '310106',
  recordedDistrictCode: '310108',
  registeredAddress: '上海市静安区威海路489号',
  legalRepresentative: '王晓秋',
  establishedOn: '1984-03-13',
};
const SPDB: Enterprise = {
  ...SAIC,
  uscc: '9131000013221158XC',
  name: '上海浦东发展银行股份有限公司',
  legalRepresentative: '张为忠',
};

/** Executes in process with a chosen caller (the HTTP path always gives the anonymous caller for now). */
async function run(port: CreditPort, caller: Caller, query: string) {
  const definition = createCreditSubgraph({ adapter: port, clock: fixedClock('2026-10-22T10:00:00+08:00') });
  const logger = createLogger({ level: 'silent', name: 't' });
  const server = createSubgraphServer(definition, logger);
  const response = await server.executeOperation(
    { query },
    { contextValue: createContext(definition, logger, 't', caller, undefined, { trail: audit, operation: undefined }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('credit resolvers', () => {
  const memory = new MemoryCreditPort({ enterprises: [SAIC, SPDB], profiles: [] });

  it('shows the legal representative only to callers who may read personal data', async () => {
    const q = `{ enterprise(uscc: "${SAIC.uscc}") { legalRepresentative district { code } recordedDistrictCode } }`;
    expect((await run(memory, ANONYMOUS, q)).data).toEqual({
      enterprise: { legalRepresentative: '王**', district: { code: '310106' }, recordedDistrictCode: '310108' },
    });
    expect((await run(memory, AUDITOR, q)).data?.enterprise).toMatchObject({
      legalRepresentative: '王晓秋',
    });
  });

  it('fails only the enterprise whose record is bad, and serves the rest of the batch', async () => {
    const recorder = new CallRecorder();
    const inner = new MemoryCreditPort({ enterprises: [SAIC, SPDB], profiles: [] }, [recorder.observer]);
    const failing: CreditPort = Object.assign(Object.create(inner) as CreditPort, {
      enterprisesByUscc: async (usccs: readonly string[]) =>
        (await inner.enterprisesByUscc(usccs)).map((e, i) =>
          usccs[i] === SPDB.uscc
            ? new LegacyError('LEGACY_BAD_DATA', 'credit', 'credit store holds a malformed enterprise record', {
                key: SPDB.uscc,
              })
            : e,
        ),
    });
    const result = await run(
      failing,
      ANONYMOUS,
      `{ a: enterprise(uscc: "${SAIC.uscc}") { name } b: enterprise(uscc: "${SPDB.uscc}") { name } }`,
    );
    expect(result.data).toEqual({ a: { name: SAIC.name }, b: null });
    expect(result.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [['b'], { code: 'LEGACY_BAD_DATA', system: 'credit', key: SPDB.uscc }],
    ]);
    expect(recorder.calls.map((c) => [c.operation, c.keys])).toEqual([['enterprisesByUscc', 2]]);
  });

  it('gives a profile with no class and empty lists to an enterprise the credit system holds nothing on', async () => {
    const result = await run(
      memory,
      ANONYMOUS,
      `{ enterprise(uscc: "${SAIC.uscc}") { credit { riskClass annualReports { year } onAbnormalList seriousViolation { reason } } } }`,
    );
    expect(result.data).toEqual({
      enterprise: { credit: { riskClass: null, annualReports: [], onAbnormalList: false, seriousViolation: null } },
    });
  });

  it('refuses a blank name fragment and an oversized page', async () => {
    const blank = await run(memory, ANONYMOUS, '{ enterpriseSearch(filter: { nameContains: "  " }) { totalCount } }');
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.nameContains' });
    const big = await run(memory, ANONYMOUS, '{ enterpriseSearch(first: 1000) { totalCount } }');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('answers every district credit figure from one count, reused within the maximum age', async () => {
    const recorder = new CallRecorder();
    const port = new MemoryCreditPort(
      {
        enterprises: [
          SAIC,
          SPDB,
          { ...SAIC, uscc: '91310115MA1H7GXX0T', districtCode: '310115', recordedDistrictCode: '310115' },
        ],
        profiles: [
          {
            uscc: SAIC.uscc,
            riskClass: 'A',
            riskClassifiedOn: '2026-01-01',
            annualReports: [],
            penalties: [],
            abnormalListings: [],
            seriousViolations: [],
          },
          {
            uscc: SPDB.uscc,
            riskClass: 'C',
            riskClassifiedOn: '2026-01-01',
            annualReports: [],
            penalties: [],
            abnormalListings: [],
            seriousViolations: [],
          },
        ],
      },
      [recorder.observer],
    );
    const q = `{ _entities(representations: [{ __typename: "District", code: "310106" }, { __typename: "District", code: "310115" }]) {
      ... on District { code creditStatistics { classifiedEnterprises enterprisesByRiskClass { riskClass count } } } } }`;
    const result = await run(port, ANONYMOUS, q);
    expect(result.errors).toBeUndefined();
    const classes = (a: number, c: number) => [
      { riskClass: 'A', count: a },
      { riskClass: 'B', count: 0 },
      { riskClass: 'C', count: c },
      { riskClass: 'D', count: 0 },
    ];
    expect(result.data).toEqual({
      _entities: [
        { code: '310106', creditStatistics: { classifiedEnterprises: 2, enterprisesByRiskClass: classes(1, 1) } },
        { code: '310115', creditStatistics: { classifiedEnterprises: 0, enterprisesByRiskClass: classes(0, 0) } },
      ],
    });
    expect(recorder.calls.filter((c) => c.operation === 'riskClassCountsByDistrict')).toHaveLength(1);
  });
});
