/**
 * The CPU time of each step a caller adds to a request, apart from any load (so less at the mercy of a
 * busy machine than bench/callers.ts): token verification, API-key lookup, a rate-bucket take, signing
 * and verifying the internal header, stripping an operation of a refused field and refilling the answer.
 *
 *   npx tsx bench/caller-steps.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { hashApiKey, newApiKey } from '../gateway/callers/clients.ts';
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { memoryRateLimiter } from '../gateway/callers/rate-limit.ts';
import { createTokenVerifier } from '../gateway/callers/tokens.ts';
import { readScopePolicy } from '../gateway/scopes/policy.ts';
import { refill } from '../gateway/scopes/refill.ts';
import { stripForbidden } from '../gateway/scopes/strip.ts';
import { ANONYMOUS, READ_SCOPES, type Scope } from '../graph/caller.ts';
import { signCallerHeader, verifyCallerHeader } from '../graph/gateway-signature.ts';
import { schemaFile } from '../graph/sdl.ts';
import { TEST_SIGNING_SECRET } from '../test/support/callers.ts';
import { loadOperation } from '../test/support/operations.ts';

const dir = mkdtempSync(join(tmpdir(), 'eg-caller-steps-'));
const jwt = readJwtConfig({ DATA_DIR: dir }, true)!;
const token = (subject: string, scopes: readonly Scope[]) =>
  issueToken({ subject, scopes, districts: undefined, ttlSeconds: 3600 }, jwt);
const key = newApiKey();
try {
  const time = async (what: string, count: number, step: () => unknown) => {
    for (let i = 0; i < Math.min(count, 500); i++) await step();
    const started = performance.now();
    for (let i = 0; i < count; i++) await step();
    console.log(`| ${what} | ${(((performance.now() - started) * 1000) / count).toFixed(1)} |`);
  };
  console.log('\n| step (per request unless said) | µs |\n|---|---:|');
  const verify = createTokenVerifier(jwt);
  const bearer = await token('bench-analyst', READ_SCOPES);
  await time('verify a bearer token (HS256, jose)', 5_000, () => verify(bearer));
  const keys = new Map([[hashApiKey(key), 'bench-bureau']]);
  await time('look an API key up (SHA-256, map)', 50_000, () => keys.get(hashApiKey(key)));
  const limiter = memoryRateLimiter();
  await time('take a token from a bucket (in process)', 100_000, () =>
    limiter.take('c', { perSecond: 1e9, burst: 1e9 }),
  );
  const body = JSON.stringify({ query: 'x'.repeat(1500), variables: { representations: [] } });
  const request = { caller: ANONYMOUS, requestId: 'r', deadline: Date.now() + 15_000 };
  await time('sign the caller header, per subgraph fetch (1.5 KB body)', 20_000, () =>
    signCallerHeader(request, body, TEST_SIGNING_SECRET, Date.now()),
  );
  const header = signCallerHeader(request, body, TEST_SIGNING_SECRET, Date.now());
  await time('verify it in the subgraph', 20_000, () =>
    verifyCallerHeader(header, body, TEST_SIGNING_SECRET, Date.now(), 30_000),
  );
  const supergraph = readFileSync(schemaFile('supergraph'), 'utf8');
  const schema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
  const policy = readScopePolicy(supergraph);
  const overview = parse(loadOperation('CityOverview').query);
  const scopes = new Set<Scope>(['equipment:read', 'enterprise:read']);
  await time('strip CityOverview for a caller without credit:read', 5_000, () =>
    stripForbidden(schema, overview, undefined, policy, scopes),
  );
  const stripped = stripForbidden(schema, overview, undefined, policy, scopes)!;
  const answer = () => ({ districts: Array.from({ length: 16 }, (_, i) => ({ code: String(i), equipmentStats: {} })) });
  await time('refill its 16 refused fields', 20_000, () => refill(answer(), stripped.marks, {}));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
