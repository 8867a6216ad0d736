/** The permit subgraph as a real Apollo subgraph server over the adapter and the real SOAP stand-in. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../runtime/clock.ts';
import { type PermitStack, postGraphql as gql, startPermitStack } from '../../test/support/permit/stack.ts';

let stack: PermitStack;
let url: string;
let url20: string;
/** 100 enterprises of the test world, every licence holder among them. */
let hundred: string[];

beforeAll(async () => {
  stack = await startPermitStack();
  const holders = new Set(stack.world.licences.map((l) => l.holderUscc));
  hundred = [...holders, ...stack.world.enterprises.map((e) => e.uscc).filter((u) => !holders.has(u))].slice(0, 100);
  url = await stack.serve();
  url20 = await stack.serve({ batchLimit: 20 });
});
afterEach(() => stack.service.setFaults({ latencyMs: 0, errorRate: 0, outage: false, truncateRate: 0 }));
afterAll(() => stack?.stop());

const ENTERPRISES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc licences { number type status expiresOn } spotChecks { id } } } }`;
const reps = (usccs: readonly string[]) => usccs.map((uscc) => ({ __typename: 'Enterprise', uscc }));

describe('100 enterprises with their licences and spot checks', () => {
  it('cost one SOAP call per batch-size chunk per field: ceil(100/50) and ceil(100/20)', async () => {
    stack.recorder.clear();
    const started = performance.now();
    const result = await gql(url, ENTERPRISES, { reps: reps(hundred) });
    const ms = performance.now() - started;
    expect(result.data._entities).toHaveLength(100);
    expect(stack.recorder.calls.map((c) => [c.operation, c.keys]).sort()).toEqual([
      ['licencesByHolder', 50],
      ['licencesByHolder', 50],
      ['spotChecksByEnterprise', 50],
      ['spotChecksByEnterprise', 50],
    ]);
    console.info(
      `permit: 100 enterprises with licences and spot checks in ${ms.toFixed(0)} ms, ${stack.recorder.calls.length} SOAP calls`,
    );

    stack.recorder.clear();
    await gql(url20, ENTERPRISES, { reps: reps(hundred) });
    expect(stack.recorder.count('permit', 'licencesByHolder')).toBe(5);
    expect(stack.recorder.count('permit', 'spotChecksByEnterprise')).toBe(5);
  });

  it('answers every enterprise from the permit system, the spoiled record failing its holder alone', async () => {
    const result = await gql(url, ENTERPRISES, { reps: reps(hundred) });
    const spoiledAt = hundred.indexOf(stack.spoiledHolder);
    result.data._entities.forEach(
      (e: { uscc: string; licences: { number: string }[] | null; spotChecks: { id: string }[] }, i: number) => {
        expect(e.spotChecks.map((s) => s.id).sort()).toEqual(
          stack.world.spotChecks
            .filter((s) => s.uscc === e.uscc)
            .map((s) => s.id)
            .sort(),
        );
        if (i === spoiledAt) return expect(e.licences).toBeNull();
        expect(e.licences!.map((l) => l.number).sort()).toEqual(
          stack.world.licences
            .filter((l) => l.holderUscc === e.uscc)
            .map((l) => l.number)
            .sort(),
        );
      },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', spoiledAt, 'licences'],
        extensions: { code: 'LEGACY_BAD_DATA', system: 'permit', key: stack.spoiledHolder },
      }),
    ]);
  });
});

describe('faults of the permit system reach the field, the rest is served', () => {
  const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc licences { number } } } }`;

  it.each([
    ['a Server Fault', { errorRate: 1 }, 'LEGACY_UNAVAILABLE'],
    ['an outage (503 from the proxy)', { outage: true }, 'LEGACY_UNAVAILABLE'],
    ['malformed XML (a truncated answer)', { truncateRate: 1 }, 'LEGACY_BAD_DATA'],
  ] as const)('%s → %s on licences, uscc still served', async (_, faults, code) => {
    stack.service.setFaults(faults);
    const result = await gql(url, query, { reps: reps(hundred.slice(0, 3)) });
    expect(result.data._entities).toEqual(hundred.slice(0, 3).map((uscc) => ({ uscc, licences: null })));
    expect(result.errors!.map((e) => e.extensions)).toEqual(
      Array(3).fill(expect.objectContaining({ code, system: 'permit' })),
    );
  });
});

describe('certificates and expiring licences from the service', () => {
  it('serves a certificate with the holder masked and validity against the clock', async () => {
    const cert = stack.world.certificates[0]!;
    const result = await gql(
      url,
      `{ operatorCertificate(number: "${cert.number}") { number item holderName holderIdNumber employer { uscc } expiresOn valid } }`,
    );
    expect(result.data.operatorCertificate).toEqual({
      number: cert.number,
      item: cert.item,
      holderName: `${cert.holderName[0]}${'*'.repeat(cert.holderName.length - 1)}`,
      holderIdNumber: `${cert.holderId.slice(0, 3)}*************${cert.holderId.slice(16)}`,
      employer: { uscc: cert.employerUscc },
      expiresOn: cert.expiresOn,
      valid: cert.issuedOn <= stack.world.asOf && stack.world.asOf <= cert.expiresOn,
    });
  });

  it('lists licences expiring within a year, by type, pushed into the paged operation', async () => {
    const until = addDays(stack.world.asOf, 365);
    const expected = stack.world.licences
      .filter(
        (l) =>
          l.status === 'VALID' && l.type === 'INSTALLATION' && l.expiresOn >= stack.world.asOf && l.expiresOn <= until,
      )
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.number.localeCompare(b.number));
    stack.recorder.clear();
    const result = await gql(
      url,
      `{ licencesExpiring(withinDays: 365, type: INSTALLATION, first: 100) { totalCount nodes { number daysUntilExpiry } } }`,
    );
    expect(result.data.licencesExpiring.totalCount).toBe(expected.length);
    expect(result.data.licencesExpiring.nodes.map((n: { number: string }) => n.number)).toEqual(
      expected.map((l) => l.number),
    );
    expect(
      result.data.licencesExpiring.nodes.every(
        (n: { daysUntilExpiry: number }) => n.daysUntilExpiry >= 0 && n.daysUntilExpiry <= 365,
      ),
    ).toBe(true);
    expect(stack.recorder.calls.map((c) => c.operation)).toEqual(['searchLicences', 'searchLicences']);
  });
});
