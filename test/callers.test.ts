/**
 * Callers through the gateway over the embedded stack at the test scale: subgraphs answer the gateway
 * only, API keys (revoked, safelisted, over their rate), tokens (`npm run token`, wrong issuer, audience,
 * expiry), anonymous callers refused where configured, and scopes enforced before anything is fetched.
 * A second gateway of the standalone profile runs over the same subgraphs for what the embedded one
 * does not do (refuse anonymous callers, trust a configured issuer).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileClientStore } from '../gateway/callers/client-file-store.ts';
import { type ClientRecord, hashApiKey, newApiKey } from '../gateway/callers/clients.ts';
import { readManifest } from '../gateway/callers/persisted-queries.ts';
import { CALLERS_DEFAULTS, readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import { READ_SCOPES, type Scope } from '../graph/caller.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { createLogger } from '../runtime/logger.ts';
import { signedHeaders, TEST_SIGNING_SECRET } from './support/callers.ts';
import { loadOperation } from './support/operations.ts';
import { redisReachable, TEST_REDIS_URL } from './support/redis.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const redis = await redisReachable();

const run = promisify(execFile);
const ISSUER = 'https://id.example.gov.cn';
const AUDIENCE = 'equipment-graph';
const JWT_SECRET = 'an-identity-providers-shared-secret-for-tests';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; path?: (string | number)[]; extensions: any }[] };
}

async function post(url: string, query: string, headers: Record<string, string> = {}, extra: object = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, ...extra }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() } as Answer;
}

describe('callers through the gateway', () => {
  let stack: TestStack;
  let standalone: RunningGateway;
  let subgraphUrls: Record<string, string>;
  const clients = () => fileClientStore(`${stack.dataDir}/clients.json`);

  async function addClient(name: string, fields: Partial<ClientRecord> = {}): Promise<string> {
    const key = newApiKey();
    await clients().add({
      name,
      keyHash: hashApiKey(key),
      scopes: [...READ_SCOPES],
      districts: undefined,
      safelist: undefined,
      rate: undefined,
      createdAt: new Date().toISOString(),
      revokedAt: undefined,
      ...fields,
    });
    return key;
  }

  /** Waits for the gateway's client refresh (100 ms here) to see a change. */
  const refreshed = () => new Promise((resolve) => setTimeout(resolve, 400));

  const token = (claims: Record<string, unknown>, change: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    change(
      new SignJWT({ scope: 'equipment:read', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('analyst-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h'),
    ).sign(new TextEncoder().encode(JWT_SECRET));

  beforeAll(async () => {
    stack = await startTestStack('test', [], { GATEWAY_CLIENTS_REFRESH_MS: '100' });
    subgraphUrls = Object.fromEntries(
      [...stack.gateway.subgraphs].map(([name, url]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, url]),
    );
    standalone = await startGateway(
      readGatewayConfig({
        ...subgraphUrls,
        GATEWAY_PORT: '0',
        GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
        GATEWAY_JWT_SECRET: JWT_SECRET,
        GATEWAY_JWT_ISSUER: ISSUER,
        DATA_DIR: stack.dataDir,
      }),
      createLogger({ level: 'silent', name: 'standalone' }),
    );
  }, 180_000);

  afterAll(async () => {
    await standalone?.stop();
    await stack?.close();
  });

  describe('subgraphs answer the gateway only', () => {
    const query = JSON.stringify({ query: '{ districts { code } }' });
    const direct = (headers: Record<string, string>) =>
      fetch(stack.gateway.subgraphs.get('inspection')!, { method: 'POST', headers, body: query });

    it('refuses a request without the gateway signature with 401', async () => {
      const response = await direct({ 'content-type': 'application/json' });
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a signature older than its window, or made with another secret, or for another body', async () => {
      expect((await direct(signedHeaders(query, undefined, Date.now() - 31_000))).status).toBe(401);
      expect(
        (await direct(signedHeaders(query, undefined, Date.now(), 'another-secret-0123456789abcdefghij'))).status,
      ).toBe(401);
      expect((await direct(signedHeaders('{"query":"{ __typename }"}'))).status).toBe(401);
      const fresh = await direct(signedHeaders(query));
      expect(fresh.status).toBe(200);
      expect((await fresh.json()).data.districts).toHaveLength(16);
    });

    it('the gateway signs its own fetches and its readiness probe', async () => {
      expect((await post(stack.gateway.url, '{ districts { code } }')).body.data.districts).toHaveLength(16);
      expect((await fetch(new URL('/ready', stack.gateway.url))).status).toBe(200);
    });
  });

  describe('API keys', () => {
    it('serves a partner with its key, and refuses the key once revoked with 401', async () => {
      const key = await addClient('bureau-revoked');
      await refreshed();
      const ok = await post(stack.gateway.url, '{ districts { code } }', { 'x-api-key': key });
      expect(ok.status).toBe(200);
      await clients().revoke('bureau-revoked', new Date().toISOString());
      await refreshed();
      const refused = await post(stack.gateway.url, '{ districts { code } }', { 'x-api-key': key });
      expect(refused.status).toBe(401);
      expect(refused.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect((await post(stack.gateway.url, '{ __typename }', { 'x-api-key': newApiKey() })).status).toBe(401);
    });

    it('lets a safelisted client run its registered operations only, by hash alone, and refuses others before planning', async () => {
      const manifest = readManifest(CALLERS_DEFAULTS.persistedQueriesPath);
      const overview = manifest.operations.find((o) => o.name === 'CityOverview')!;
      const key = await addClient('bureau-safelisted', { safelist: [overview.id] });
      await refreshed();
      const byHash = await post(
        stack.gateway.url,
        '',
        { 'x-api-key': key },
        {
          query: undefined,
          extensions: { persistedQuery: { version: 1, sha256Hash: overview.id } },
        },
      );
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data.districts).toHaveLength(16);
      const other = await post(stack.gateway.url, '{ districts { code } }', { 'x-api-key': key });
      expect(other.status).toBe(403);
      expect(other.body.errors![0]!.extensions.code).toBe('OPERATION_NOT_SAFELISTED');
      expect(other.body.data).toBeUndefined();
    });

    it('answers a client over its rate with 429, RATE_LIMITED and Retry-After', async () => {
      const key = await addClient('bureau-limited', { rate: { perSecond: 0.2, burst: 2 } });
      await refreshed();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await post(stack.gateway.url, '{ __typename }', { 'x-api-key': key }));
      expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
      expect(statuses[2]!.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
      // Another client is not held back by this one.
      expect((await post(stack.gateway.url, '{ __typename }')).status).toBe(200);
      // Metrics name the client (never its key).
      const metrics = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
      expect(metrics).toMatch(/^equipment_graph_requests_total\{outcome="refused",client="bureau-limited"\} 1$/m);
      expect(metrics).toMatch(/^equipment_graph_requests_total\{outcome="ok",client="bureau-limited"\} 2$/m);
      expect(metrics).not.toContain(key);
    });
  });

  describe.skipIf(!redis)(
    `rate limits shared through Redis${redis ? '' : ' (skipped: no Redis at 127.0.0.1:6379)'}`,
    () => {
      const replicas: RunningGateway[] = [];
      afterAll(async () => {
        for (const replica of replicas) await replica.stop();
      });

      it('two gateways on one Redis draw on one bucket per client', async () => {
        const prefix = `eg-test-${process.pid}-${Date.now()}:`;
        for (let i = 0; i < 2; i++)
          replicas.push(
            await startGateway(
              readGatewayConfig({
                ...subgraphUrls,
                GATEWAY_PORT: '0',
                GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
                DATA_DIR: stack.dataDir,
                GATEWAY_CLIENTS_REFRESH_MS: '100',
                REDIS_URL: TEST_REDIS_URL,
                GATEWAY_RATE_REDIS_PREFIX: prefix,
              }),
              createLogger({ level: 'silent', name: `replica-${i}` }),
            ),
          );
        const key = await addClient('bureau-shared', { rate: { perSecond: 0.1, burst: 3 } });
        await refreshed();
        const statuses = [];
        for (let i = 0; i < 6; i++)
          statuses.push((await post(replicas[i % 2]!.url, '{ __typename }', { 'x-api-key': key })).status);
        // Each replica alone would have let 3 through, 6 in all.
        expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      });
    },
  );

  describe('tokens', () => {
    it('accepts what `npm run token` prints, with the scopes and districts it names', async () => {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'bin/token.ts', '--sub', 'inspector-li', '--scopes', 'credit:read', '--ttl', '10m'],
        { env: { ...process.env, DATA_DIR: stack.dataDir } },
      );
      const answer = await post(
        stack.gateway.url,
        '{ districts { code creditStatistics { classifiedEnterprises } } }',
        {
          authorization: `Bearer ${stdout.trim()}`,
        },
      );
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.districts[0].creditStatistics.classifiedEnterprises).toBeGreaterThan(0);
      await expect(
        run(process.execPath, ['--import', 'tsx', 'bin/token.ts', '--sub', 'x', '--scopes', 'everything'], {
          env: { ...process.env, DATA_DIR: stack.dataDir },
        }),
      ).rejects.toThrow(/unknown scope everything/);
    });

    it('refuses a token of another issuer or audience, an expired one, or one badly signed, with 401', async () => {
      expect(
        (await post(standalone.url, '{ __typename }', { authorization: `Bearer ${await token({})}` })).status,
      ).toBe(200);
      const refusals = [
        await token({}, (jwt) => jwt.setIssuer('https://elsewhere.example')),
        await token({}, (jwt) => jwt.setAudience('another-api')),
        await token({}, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 120)),
        (await token({})).slice(0, -4) + 'AAAA',
        await token({ districts: ['999999'] }),
      ];
      for (const bad of refusals) {
        const answer = await post(standalone.url, '{ __typename }', { authorization: `Bearer ${bad}` });
        expect(answer.status).toBe(401);
        expect(answer.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses anonymous callers where configured so (the standalone profile), with 401', async () => {
      const answer = await post(standalone.url, '{ districts { code } }');
      expect(answer.status).toBe(401);
      expect(answer.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });

  describe('scopes on fields', () => {
    const fetches = async (subgraph: string) => {
      const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
      const pattern = new RegExp(
        `^equipment_graph_subgraph_fetches_total\\{subgraph="${subgraph}",outcome="ok"\\} (\\d+)$`,
        'm',
      );
      return Number(pattern.exec(text)?.[1] ?? 0);
    };
    // Signed as `npm run token` signs (the test above runs the command itself).
    const asScopes = async (scopes: Scope[]) => ({
      authorization: `Bearer ${await issueToken(
        { subject: 'scoped', scopes, districts: undefined, ttlSeconds: 600 },
        readJwtConfig({ DATA_DIR: stack.dataDir }, true)!,
      )}`,
    });

    it('answers a field out of scope with null and FORBIDDEN naming the scope, serves the rest, and never fetches it', async () => {
      const headers = await asScopes(['equipment:read']);
      const query =
        '{ districts { code name creditStatistics { classifiedEnterprises } equipmentStats { equipmentInUse } } }';
      await post(stack.gateway.url, query, headers); // the plan is made once
      const creditBefore = await fetches('credit');
      const inspectionBefore = await fetches('inspection');
      const answer = await post(stack.gateway.url, query, headers);
      expect(answer.status).toBe(200);
      expect(answer.body.data.districts).toHaveLength(16);
      for (const district of answer.body.data.districts) {
        expect(district.creditStatistics).toBeNull();
        expect(district.equipmentStats.equipmentInUse).toBeGreaterThan(0);
      }
      // One error for the place in the operation, `@` standing for every district.
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          path: ['districts', '@', 'creditStatistics'],
          extensions: { code: 'FORBIDDEN', scope: 'credit:read', field: 'District.creditStatistics' },
        }),
      ]);
      expect(await fetches('credit')).toBe(creditBefore);
      expect(await fetches('inspection')).toBe(inspectionBefore + 1);
      // With the scope, the same text is planned apart and the field is fetched.
      const full = await post(stack.gateway.url, query, await asScopes(['equipment:read', 'credit:read']));
      expect(full.body.errors).toBeUndefined();
      expect(full.body.data.districts[0].creditStatistics.classifiedEnterprises).toBeGreaterThan(0);
      expect(await fetches('credit')).toBe(creditBefore + 1);
    });

    it('keeps an object whose every field is refused, through fragments and aliases, and nulls a refused root field', async () => {
      const headers = await asScopes(['equipment:read']);
      const answer = await post(
        stack.gateway.url,
        `query Mixed { one: district(code: "310104") { ...Credit } search: enterpriseSearch(first: 1) { totalCount } districts { code } }
         fragment Credit on District { money: creditStatistics { classifiedEnterprises } }`,
        headers,
      );
      expect(answer.body.data).toEqual({ one: { money: null }, search: null, districts: expect.any(Array) });
      expect(answer.body.errors!.map((e) => [e.path, e.extensions.scope])).toEqual([
        [['search'], 'enterprise:read'],
        [['one', 'money'], 'credit:read'],
      ]);
    });

    it('opens the lookup of a person by ID number to the personal-data scope only, through the stand-in WS-Security account', async () => {
      const holder = generateWorld({ scale: 'test' }).certificates[3]!;
      const query = `{ operatorCertificatesOfHolder(idNumber: "${holder.holderId}") { number } }`;
      const refused = await post(stack.gateway.url, query, await asScopes([...READ_SCOPES]));
      expect(refused.body.data).toEqual({ operatorCertificatesOfHolder: null });
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'personal-data:read' });
      const opened = await post(stack.gateway.url, query, await asScopes(['personal-data:read']));
      expect(opened.body.errors).toBeUndefined();
      expect(opened.body.data.operatorCertificatesOfHolder).toContainEqual({ number: holder.number });
    });

    it('lets no example operation fail for a caller with every scope, nor with the read scopes', async () => {
      const all = await asScopes([
        'equipment:read',
        'enterprise:read',
        'credit:read',
        'supervision:read',
        'personal-data:read',
      ]);
      for (const name of ['CityOverview', 'Enterprise360', 'OperatorCertificate']) {
        const operation = loadOperation(name);
        const answer = await post(stack.gateway.url, operation.query, all, { variables: operation.variables });
        expect(answer.body.errors, name).toBeUndefined();
      }
    });
  });
});
