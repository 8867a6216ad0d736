/**
 * Callers as tests make them: the signing secret tests share between a gateway and real subgraphs,
 * the trust a test's subgraph servers check, and signed headers for posting straight to a subgraph as
 * the gateway would.
 */
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import { GATEWAY_CALLER_HEADER, signCallerHeader } from '../../graph/gateway-signature.ts';
import type { GatewayTrust } from '../../subgraphs/common/gateway-trust.ts';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/**
 * A standalone-profile gateway for tests: the test secret, anonymous callers served, and every request
 * computed afresh, with fetches of its own (tests count the fetches and legacy calls each request makes;
 * the response cache's and the shared fetches' own tests turn them on).
 */
export const TEST_GATEWAY_ENV = {
  GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
  GATEWAY_ANONYMOUS: 'true',
  GATEWAY_RESPONSE_CACHE: 'off',
  GATEWAY_SUBGRAPH_DEDUPE: 'false',
};

export const TEST_TRUST: GatewayTrust = { kind: 'signed', secret: TEST_SIGNING_SECRET, maxAgeMs: 30_000 };

/** Headers of a request signed for `caller` now (or at `issuedAt`), as the gateway signs its fetches. */
export function signedHeaders(
  body: string,
  caller: Caller = ANONYMOUS,
  issuedAt: number = Date.now(),
  secret: string = TEST_SIGNING_SECRET,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    [GATEWAY_CALLER_HEADER]: signCallerHeader(
      { caller, requestId: `test-${issuedAt}`, deadline: issuedAt + 30_000 },
      body,
      secret,
      issuedAt,
    ),
  };
}
