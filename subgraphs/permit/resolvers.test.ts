/**
 * Resolver behaviour over the in-memory port, executed in process with a chosen caller: masking,
 * judgements against the clock, filters, argument checks and per-key failures.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { InMemoryPermitPort } from '../../adapters/permit/memory.ts';
import type { Licence, OperatorCertificate, SpotCheck } from '../../adapters/permit/types.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { ANONYMOUS, type Caller, READ_SCOPES } from '../../graph/caller.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { memoryAuditTrail } from '../../test/support/audit.ts';
import { createPermitSubgraph } from './index.ts';

/** Where the subgraph records what it reveals (a reveal needs an audit trail). */
const audit = memoryAuditTrail();

const AUDITOR: Caller = { ...ANONYMOUS, subject: 'auditor', scopes: new Set([...READ_SCOPES, 'personal-data:read']) };

const SAIC = '91310000132260250X';
const SPDB = '9131000013221158XC';

const TODAY = '2026-11-01';

const licence = (number: string, holderUscc: string, over: Partial<Licence> = {}): Licence => ({
  number,
  holderUscc,
  type: 'MAINTENANCE',
  scope: ['3000'],
  issuedOn: '2023-01-10',
  expiresOn: '2027-01-09',
  status: 'VALID',
  selfDeclared: false,
  ...over,
});
const LICENCES: Licence[] = [
  licence('TS353100001-2027', SAIC),
  licence('TS353100002-2023', SAIC, { status: 'EXPIRED', issuedOn: '2019-01-10', expiresOn: '2023-01-09' }),
  licence('TS333100003-2026', SAIC, { type: 'INSTALLATION', expiresOn: '2026-11-20', selfDeclared: true }),
  licence('TS353100004-2026', SPDB, { expiresOn: '2026-12-15' }),
];
const CERTIFICATE: OperatorCertificate = {
  number: 'TZT-310000123456',
  item: 'T',
  holderName: '张三丰',
  holderIdNumber: '110105********002X',
  employerUscc: SAIC,
  issuedOn: '2022-11-02',
  expiresOn: '2026-11-02',
  suspension: null,
};
const EXPIRED: OperatorCertificate = {
  ...CERTIFICATE,
  number: 'TZT-310000123457',
  issuedOn: '2020-01-01',
  expiresOn: '2024-01-01',
};
/** Suspended from today to a week on, and one whose suspension ended yesterday. */
const SUSPENDED: OperatorCertificate = {
  ...CERTIFICATE,
  number: 'TZT-310000123458',
  suspension: { from: TODAY, until: '2026-11-08' },
};
const SUSPENSION_OVER: OperatorCertificate = {
  ...CERTIFICATE,
  number: 'TZT-310000123459',
  suspension: { from: '2026-10-01', until: '2026-10-31' },
};
const CHECKS: SpotCheck[] = [
  { id: 'CC1', enterpriseUscc: SAIC, checkedOn: '2025-03-01', result: 'PASS', authority: '上海市市场监督管理局' },
  { id: 'CC2', enterpriseUscc: SAIC, checkedOn: '2026-06-01', result: 'RECTIFY', authority: '上海市市场监督管理局' },
];

function port(failures?: Map<string, Error>) {
  return new InMemoryPermitPort({
    licences: LICENCES,
    certificates: [CERTIFICATE, EXPIRED, SUSPENDED, SUSPENSION_OVER],
    spotChecks: CHECKS,
    failures,
    holderIds: new Map([[CERTIFICATE.number, '11010519491231002X']]),
    districts: new Map([
      [SAIC, '310108'],
      [SPDB, '310115'],
    ]),
  });
}

async function run(p: InMemoryPermitPort, query: string, caller: Caller = ANONYMOUS) {
  const definition = createPermitSubgraph({ adapter: p, clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
  const logger = createLogger({ level: 'silent', name: 't' });
  const server = createSubgraphServer(definition, logger);
  const response = await server.executeOperation(
    { query },
    { contextValue: createContext(definition, logger, 't', caller, undefined, { trail: audit, operation: undefined }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: any[] };
}

const entities = (usccs: string[], selection: string) =>
  `{ _entities(representations: [${usccs.map((u) => `{ __typename: "Enterprise", uscc: "${u}" }`).join(', ')}]) { ... on Enterprise { uscc ${selection} } } }`;

describe('enterprise licences and spot checks', () => {
  it('loads the licences of several enterprises in one batch and filters by status and type', async () => {
    const p = port();
    const result = await run(
      p,
      entities(
        [SAIC, SPDB],
        'valid: licences(status: VALID) { number daysUntilExpiry } install: licences(type: INSTALLATION) { number selfDeclared }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toEqual({
      uscc: SAIC,
      valid: [
        { number: 'TS353100001-2027', daysUntilExpiry: 69 },
        { number: 'TS333100003-2026', daysUntilExpiry: 19 },
      ],
      install: [{ number: 'TS333100003-2026', selfDeclared: true }],
    });
    expect(p.batches).toEqual([{ method: 'licencesByHolder', keys: [SAIC, SPDB] }]);
  });

  it('orders spot checks newest first', async () => {
    const result = await run(port(), entities([SAIC], 'spotChecks { id checkedOn result }'));
    expect(result.data._entities[0].spotChecks.map((c: { id: string }) => c.id)).toEqual(['CC2', 'CC1']);
  });

  it('fails the licences of one enterprise alone, and a malformed USCC with BAD_USER_INPUT', async () => {
    const failures = new Map([
      [
        SPDB,
        new LegacyError('LEGACY_BAD_DATA', 'permit', 'permit system sent an invalid licence record', { key: SPDB }),
      ],
    ]);
    const result = await run(port(failures), entities([SAIC, SPDB, '91310000132260250Y'], 'licences { number }'));
    expect(result.data._entities.map((e: { licences: unknown[] | null }) => e.licences?.length ?? null)).toEqual([
      3,
      null,
      null,
    ]);
    expect(result.errors!.map((e) => [e.path, e.extensions]).sort((a, b) => a[0][1] - b[0][1])).toEqual([
      [['_entities', 1, 'licences'], { code: 'LEGACY_BAD_DATA', system: 'permit', key: SPDB }],
      [['_entities', 2, 'licences'], { code: 'BAD_USER_INPUT', argument: 'uscc' }],
    ]);
  });
});

describe('operator certificates', () => {
  const fields = 'number item itemName holderName holderIdNumber employer { uscc } valid';

  it('masks the holder for callers who may not read personal data and judges validity against the clock', async () => {
    const q = `{ a: operatorCertificate(number: "${CERTIFICATE.number}") { ${fields} } b: operatorCertificate(number: "${EXPIRED.number}") { valid } }`;
    const anonymous = await run(port(), q);
    expect(anonymous.data).toEqual({
      a: {
        number: CERTIFICATE.number,
        item: 'T',
        itemName: '电梯修理',
        holderName: '张**',
        holderIdNumber: '110*************2X',
        employer: { uscc: SAIC },
        valid: true,
      },
      b: { valid: false },
    });
    const auditor = await run(port(), q, AUDITOR);
    expect(auditor.data.a).toMatchObject({ holderName: '张三丰', holderIdNumber: '110105********002X' });
  });

  it('tells a certificate suspended today (暂扣, from its first day) from one whose suspension ended yesterday, and gives the period', async () => {
    const fields = 'status valid suspendedFrom suspendedUntil';
    const q = `{ a: operatorCertificate(number: "${SUSPENDED.number}") { ${fields} } b: operatorCertificate(number: "${SUSPENSION_OVER.number}") { ${fields} } c: operatorCertificate(number: "${EXPIRED.number}") { ${fields} } d: operatorCertificate(number: "${CERTIFICATE.number}") { ${fields} } }`;
    const result = await run(port(), q);
    expect(result.data).toEqual({
      a: { status: 'SUSPENDED', valid: false, suspendedFrom: TODAY, suspendedUntil: '2026-11-08' },
      b: { status: 'VALID', valid: true, suspendedFrom: '2026-10-01', suspendedUntil: '2026-10-31' },
      c: { status: 'EXPIRED', valid: false, suspendedFrom: null, suspendedUntil: null },
      d: { status: 'VALID', valid: true, suspendedFrom: null, suspendedUntil: null },
    });
  });

  it('resolves references in one batch, null for unknown and malformed numbers', async () => {
    const p = port();
    const reps = [CERTIFICATE.number, 'TZT-319999999999', 'nonsense', EXPIRED.number].map(
      (n) => `{ __typename: "OperatorCertificate", number: "${n}" }`,
    );
    const result = await run(
      p,
      `{ _entities(representations: [${reps.join(', ')}]) { ... on OperatorCertificate { number } } }`,
    );
    expect(result.data._entities).toEqual([{ number: CERTIFICATE.number }, null, null, { number: EXPIRED.number }]);
    expect(p.batches).toEqual([
      { method: 'certificatesByNumber', keys: [CERTIFICATE.number, 'TZT-319999999999', EXPIRED.number] },
    ]);
  });

  it('refuses a malformed number with BAD_USER_INPUT and gives null for an unknown one', async () => {
    const result = await run(
      port(),
      '{ bad: operatorCertificate(number: "TZT-12") { number } unknown: operatorCertificate(number: "TZT-319999999999") { number } }',
    );
    expect(result.data).toEqual({ bad: null, unknown: null });
    expect(result.errors!.map((e) => [e.path, e.extensions.code, e.extensions.argument])).toEqual([
      [['bad'], 'BAD_USER_INPUT', 'number'],
    ]);
  });

  it("finds a person's certificates by ID number only for callers who may read personal data", async () => {
    const q = '{ operatorCertificatesOfHolder(idNumber: "11010519491231002X") { number } }';
    expect((await run(port(), q)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await run(port(), q, AUDITOR)).data).toEqual({
      operatorCertificatesOfHolder: [{ number: CERTIFICATE.number }],
    });
    const bad = await run(
      port(),
      '{ operatorCertificatesOfHolder(idNumber: "110105194912310021") { number } }',
      AUDITOR,
    );
    expect(bad.errors![0]).toMatchObject({
      message: "idNumber check character should be 'X', got '1'",
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('licence searches', () => {
  it('lists valid licences expiring within N days, soonest first, by district (retired codes included)', async () => {
    const result = await run(
      port(),
      '{ licencesExpiring(withinDays: 60) { totalCount nodes { number holder { uscc } } } jingan: licencesExpiring(withinDays: 60, district: "310106") { totalCount } }',
    );
    expect(result.data.licencesExpiring).toEqual({
      totalCount: 2,
      nodes: [
        { number: 'TS333100003-2026', holder: { uscc: SAIC } },
        { number: 'TS353100004-2026', holder: { uscc: SPDB } },
      ],
    });
    expect(result.data.jingan.totalCount).toBe(1);
  });

  it('refuses an out-of-range window, a foreign district and an oversized page with BAD_USER_INPUT', async () => {
    const cases = [
      ['licencesExpiring(withinDays: -1)', 'withinDays'],
      ['licencesExpiring(withinDays: 30, district: "110101")', 'district'],
      ['licenceSearch(filter: { district: "3101" })', 'filter.district'],
      ['licenceSearch(first: 500)', 'first'],
    ];
    for (const [field, argument] of cases) {
      const result = await run(port(), `{ ${field} { totalCount } }`);
      expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument }]);
    }
  });

  it('searches by type and status and pages with cursors', async () => {
    const first = await run(
      port(),
      '{ licenceSearch(filter: { type: MAINTENANCE }, first: 2) { totalCount nodes { number status } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data.licenceSearch).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const next = await run(
      port(),
      `{ licenceSearch(filter: { type: MAINTENANCE }, first: 2, after: "${first.data.licenceSearch.pageInfo.endCursor}") { nodes { number } pageInfo { hasNextPage } } }`,
    );
    expect(next.data.licenceSearch).toEqual({
      nodes: [{ number: 'TS353100001-2027' }],
      pageInfo: { hasNextPage: false },
    });
  });
});
