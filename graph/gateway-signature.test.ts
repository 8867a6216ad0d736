import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Caller } from './caller.ts';
import { encodeCallerPayload, signCallerHeader, signCallerPayload, verifyCallerHeader } from './gateway-signature.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const CALLER: Caller = {
  subject: 'inspector-li',
  client: 'xuhui-bureau',
  scopes: new Set(['equipment:read', 'personal-data:read']),
  districts: ['310104'],
};
const BODY = '{"query":"{ districts { code } }"}';
const NOW = 1_800_000_000_000;

describe('the gateway signature', () => {
  it('carries the caller, request id, deadline and operation to a subgraph that shares the secret', () => {
    const operation = { name: 'ElevatorFile', hash: 'a'.repeat(64) };
    const request = { caller: CALLER, requestId: 'r-1', deadline: NOW + 5000, operation };
    const header = signCallerHeader(request, BODY, SECRET, NOW);
    const verified = verifyCallerHeader(header, BODY, SECRET, NOW + 1000, 30_000);
    expect(verified).toEqual({ ok: true, issuedAt: NOW, ...request });
    // Signed in two steps (the gateway writes the payload first, the body later): the same header.
    const payload = encodeCallerPayload(request, NOW);
    expect(signCallerPayload(payload, BODY, SECRET)).toBe(header);
    // A signer that knows no operation (the readiness probe): none.
    const probe = signCallerHeader({ caller: CALLER, requestId: 'ready', deadline: NOW }, BODY, SECRET, NOW);
    expect(verifyCallerHeader(probe, BODY, SECRET, NOW, 30_000)).toMatchObject({
      operation: { name: null, hash: null },
    });
  });

  it('refuses a missing, stale, future, forged, re-bodied or tampered header', () => {
    const header = signCallerHeader({ caller: ANONYMOUS, requestId: 'r', deadline: NOW }, BODY, SECRET, NOW);
    const verify = (h: string | undefined, body = BODY, now = NOW, secret = SECRET) =>
      verifyCallerHeader(h, body, secret, now, 30_000);
    expect(verify(undefined)).toEqual({ ok: false, reason: 'no gateway signature' });
    expect(verify(header, BODY, NOW + 30_001)).toEqual({ ok: false, reason: 'gateway signature expired' });
    expect(verify(header, BODY, NOW - 30_001)).toMatchObject({ ok: false, reason: /future/ });
    expect(verify(header, BODY, NOW, `${SECRET}x`)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
    expect(verify(header, '{"query":"{ __typename }"}')).toMatchObject({ ok: false, reason: 'bad gateway signature' });
    const [payload, mac] = header.split('.');
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scp: ['audit:read'] }),
    ).toString('base64url');
    expect(verify(`${widened}.${mac}`)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
    expect(verify('no-dot-here')).toMatchObject({ ok: false });
  });

  it('refuses a well-signed payload naming a scope or district off the closed lists', () => {
    const forged = Buffer.from(
      JSON.stringify({ v: 1, sub: 's', cli: null, scp: ['root'], dst: null, rid: 'r', dl: NOW, iat: NOW }),
    ).toString('base64url');
    expect(verifyCallerHeader(signCallerPayload(forged, BODY, SECRET), BODY, SECRET, NOW, 30_000)).toEqual({
      ok: false,
      reason: 'malformed gateway signature',
    });
  });
});
