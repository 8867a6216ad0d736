/**
 * The response cache and the shared subgraph fetches, asserted on the fetches a real subgraph records
 * (with the caller each one was signed for): a cached answer makes none, callers with other rights get
 * their own, personal-data readers are never cached, answers expire with their data's freshness or
 * when a figures event names the system that fed them (also one arriving while they are computed),
 * and a second gateway reads what the first cached in Redis and drops it on the same event.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../graph/live-events.ts';
import { createLogger } from '../../runtime/logger.ts';
import { TEST_GATEWAY_ENV } from '../../test/support/callers.ts';
import { type CountedFederation, startCountedFederation } from '../../test/support/counted-federation.ts';
import { TEST_REDIS_URL, redisReachable } from '../../test/support/redis.ts';
import { readGatewayConfig } from '../config.ts';
import { type RunningGateway, startGateway } from '../server.ts';

const ISSUER = 'https://id.example.gov.cn';
const JWT_SECRET = 'an-identity-providers-shared-secret-for-tests';
const QUERY = 'query Figures($label: String) { figures(label: $label) { label districts count computedAt } }';

const token = (claims: { scope: string; districts?: string[] }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`analyst-${randomUUID()}`)
    .setIssuer(ISSUER)
    .setAudience('equipment-graph')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));

/** A recount of `system`'s figures, as a subgraph publishes it (the counted federation's subgraph is `figures`). */
const recount = (system: string): LiveEvent[] => [
  {
    type: 'figures',
    id: randomUUID(),
    district: '310115',
    systems: [system],
    at: new Date().toISOString(),
    publishedAt: Date.now(),
  },
];

/** Lets a published event reach every gateway's bus (Redis pub/sub included) and the store. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 150));

async function ask(gateway: RunningGateway, variables: Record<string, unknown> = {}, bearer?: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: QUERY, variables }),
  });
  const body = (await response.json()) as { data?: { figures: { count: number } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { body, cacheControl: response.headers.get('cache-control'), age: response.headers.get('age') };
}

describe('response cache and shared fetches', () => {
  let federation: CountedFederation;
  const gateways: RunningGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gateway = await startGateway(
      readGatewayConfig({
        ...TEST_GATEWAY_ENV,
        GATEWAY_PORT: '0',
        SUPERGRAPH_PATH: federation.supergraphPath,
        GATEWAY_JWT_SECRET: JWT_SECRET,
        GATEWAY_JWT_ISSUER: ISSUER,
        ...env,
      }),
      createLogger({ level: 'silent', name: 'cache-test' }),
    );
    gateways.push(gateway);
    return gateway;
  };
  const fetchesDuring = async (work: () => Promise<unknown>) => {
    const before = federation.fetches.length;
    await work();
    return federation.fetches.slice(before);
  };

  beforeAll(async () => {
    federation = await startCountedFederation();
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await federation?.stop();
  });

  describe('in memory', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await start({ GATEWAY_RESPONSE_CACHE: 'on' });
    });

    it('serves a cached answer without a subgraph fetch, stating Cache-Control and Age', async () => {
      const label = randomUUID();
      let first: Awaited<ReturnType<typeof ask>> | undefined;
      expect(await fetchesDuring(async () => (first = await ask(gateway, { label })))).toHaveLength(1);
      expect(first!.cacheControl).toMatch(/^private, max-age=\d+$/);
      let again: Awaited<ReturnType<typeof ask>> | undefined;
      expect(await fetchesDuring(async () => (again = await ask(gateway, { label })))).toHaveLength(0);
      expect(again!.body).toEqual(first!.body);
      expect(again!.cacheControl).toMatch(/^private, max-age=([0-9]|10)$/);
      expect(again!.age).toMatch(/^\d+$/);
      // Other variables are another answer.
      expect(await fetchesDuring(() => ask(gateway, { label: randomUUID() }))).toHaveLength(1);
    });

    it('gives callers with other districts or scopes an entry of their own', async () => {
      const label = randomUUID();
      const pudong = await token({ scope: 'equipment:read', districts: ['310115'] });
      const pudongAgain = await token({ scope: 'equipment:read', districts: ['310115'] });
      const huangpu = await token({ scope: 'equipment:read', districts: ['310101'] });
      const wider = await token({ scope: 'equipment:read credit:read', districts: ['310115'] });
      const fetches = await fetchesDuring(async () => {
        for (const bearer of [undefined, pudong, huangpu, wider, pudongAgain, undefined])
          await ask(gateway, { label }, bearer);
      });
      // Anonymous, Pudong, Huangpu, Pudong with more scopes; the second Pudong analyst has the same rights.
      expect(fetches.map((f) => f.caller.districts ?? 'city')).toEqual(['city', ['310115'], ['310101'], ['310115']]);
      expect(fetches[3]!.caller.scopes).toEqual(new Set(['equipment:read', 'credit:read']));
    });

    it('never serves nor keeps an answer for a caller who may read personal data', async () => {
      const label = randomUUID();
      const reader = await token({ scope: 'equipment:read personal-data:read' });
      await ask(gateway, { label });
      let answers: Awaited<ReturnType<typeof ask>>[] = [];
      const fetches = await fetchesDuring(async () => {
        answers = [await ask(gateway, { label }, reader), await ask(gateway, { label }, reader)];
      });
      expect(fetches).toHaveLength(2);
      expect(answers.map((a) => a.cacheControl)).toEqual(['no-store', 'no-store']);
    });

    it('keeps an answer no longer than its data is current, and an answer whose figures are due 2 s only', async () => {
      try {
        // Counted 57 s ago: recounted once 60 s old, so the answer may live 3 s.
        federation.computedAt = () => new Date(Date.now() - 57_000).toISOString();
        const label = randomUUID();
        const first = await ask(gateway, { label });
        expect(first.cacheControl).toMatch(/^private, max-age=[23]$/);
        expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(0);
        await new Promise((resolve) => setTimeout(resolve, 3_100));
        expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(1);
        // Counted 61 s ago: due, being recounted behind the answers; kept 2 s.
        federation.computedAt = () => new Date(Date.now() - 61_000).toISOString();
        const due = randomUUID();
        expect((await ask(gateway, { label: due })).cacheControl).toMatch(/^private, max-age=[12]$/);
        expect(await fetchesDuring(() => ask(gateway, { label: due }))).toHaveLength(0);
        await new Promise((resolve) => setTimeout(resolve, 2_100));
        expect(await fetchesDuring(() => ask(gateway, { label: due }))).toHaveLength(1);
      } finally {
        federation.computedAt = undefined;
      }
    });
  });

  describe('invalidated by recounts', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await start({ GATEWAY_RESPONSE_CACHE: 'on' });
    });

    it('computes afresh after a figures event for the system that fed the answer, not for another', async () => {
      const label = randomUUID();
      await ask(gateway, { label });
      gateway.publishLive(recount('credit'));
      await delivered();
      expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(0);
      gateway.publishLive(recount('figures'));
      await delivered();
      let fresh: Awaited<ReturnType<typeof ask>> | undefined;
      expect(await fetchesDuring(async () => (fresh = await ask(gateway, { label })))).toHaveLength(1);
      // The fresh answer is cached in turn.
      expect(fresh!.cacheControl).toMatch(/^private, max-age=\d+$/);
      expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(0);
    });

    it('does not store an answer whose system was recounted while it was computed', async () => {
      federation.delayMs = 300;
      try {
        const label = randomUUID();
        const computing = ask(gateway, { label });
        await new Promise((resolve) => setTimeout(resolve, 100));
        gateway.publishLive(recount('figures'));
        expect((await computing).cacheControl).toBe('no-store');
        expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(1);
      } finally {
        federation.delayMs = 0;
      }
    });

    it('does not store an answer that joined a fetch sent before a recount', async () => {
      const dedupe = await start({ GATEWAY_RESPONSE_CACHE: 'on', GATEWAY_SUBGRAPH_DEDUPE: 'true' });
      federation.delayMs = 300;
      try {
        const variables = { label: randomUUID() };
        // Two spellings of one operation: two cache entries, one subgraph fetch.
        const spelled = (query: string) =>
          fetch(dedupe.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
          });
        const query = 'query ($label: String) { figures(label: $label) { label districts count computedAt } }';
        const fetches = await fetchesDuring(async () => {
          const first = spelled(query);
          await new Promise((resolve) => setTimeout(resolve, 50));
          dedupe.publishLive(recount('figures'));
          await delivered();
          // Begun after the recount was heard, it joins the fetch of older data still in flight.
          const joined = await spelled(query.replaceAll(' ', '  '));
          expect(joined.headers.get('cache-control')).toBe('no-store');
          await first;
        });
        expect(fetches).toHaveLength(1);
        expect(await fetchesDuring(() => spelled(query.replaceAll(' ', '  ')))).toHaveLength(1);
      } finally {
        federation.delayMs = 0;
      }
    });
  });

  describe('caches off', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await start({ GATEWAY_RESPONSE_CACHE: 'off', GATEWAY_SUBGRAPH_DEDUPE: 'true' });
    });

    it('computes every answer afresh', async () => {
      const label = randomUUID();
      expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(1);
      expect(await fetchesDuring(() => ask(gateway, { label }))).toHaveLength(1);
    });

    it('sends identical fetches in flight once per caller rights, and each caller its own answer', async () => {
      federation.delayMs = 300;
      try {
        const label = randomUUID();
        const pudong = await token({ scope: 'equipment:read', districts: ['310115'] });
        const answers: Awaited<ReturnType<typeof ask>>[] = [];
        const fetches = await fetchesDuring(() =>
          Promise.all(
            [undefined, undefined, undefined, pudong, pudong, pudong].map(async (bearer) =>
              answers.push(await ask(gateway, { label }, bearer)),
            ),
          ),
        );
        expect(fetches.map((f) => f.caller.districts ?? 'city').sort()).toEqual([['310115'], 'city']);
        const counts = new Set(answers.map((a) => a.body.data!.figures.count));
        expect(counts.size).toBe(2);
      } finally {
        federation.delayMs = 0;
      }
    });
  });

  describe('in Redis', async () => {
    const reachable = await redisReachable();
    it.skipIf(!reachable)('serves from a second gateway process what the first cached', async () => {
      const env = {
        GATEWAY_RESPONSE_CACHE: 'on',
        REDIS_URL: TEST_REDIS_URL,
        GATEWAY_RESPONSE_CACHE_REDIS_PREFIX: `test:answers:${randomUUID()}:`,
      };
      const first = await start(env);
      const second = await start(env);
      const label = randomUUID();
      let computed: Awaited<ReturnType<typeof ask>> | undefined;
      expect(await fetchesDuring(async () => (computed = await ask(first, { label })))).toHaveLength(1);
      // The entry is written behind the answer.
      await new Promise((resolve) => setTimeout(resolve, 200));
      let served: Awaited<ReturnType<typeof ask>> | undefined;
      expect(await fetchesDuring(async () => (served = await ask(second, { label })))).toHaveLength(0);
      expect(served!.body).toEqual(computed!.body);
      expect(served!.age).toMatch(/^\d+$/);
    });

    it.skipIf(!reachable)('drops on both gateways what a recount invalidates', async () => {
      // A channel and entries of this test's own: other tests on this Redis publish recounts too.
      const run = randomUUID();
      const env = {
        GATEWAY_RESPONSE_CACHE: 'on',
        REDIS_URL: TEST_REDIS_URL,
        GATEWAY_LIVE_CHANNEL: `test:${run}:live`,
        GATEWAY_RESPONSE_CACHE_REDIS_PREFIX: `test:${run}:answers:`,
      };
      const first = await start(env);
      const second = await start(env);
      const [one, two] = [randomUUID(), randomUUID()];
      try {
        await ask(first, { label: one });
        await ask(second, { label: two });
        await delivered();
        expect(await fetchesDuring(() => ask(second, { label: one }))).toHaveLength(0);
        expect(await fetchesDuring(() => ask(first, { label: two }))).toHaveLength(0);
        second.publishLive(recount('credit'));
        await delivered();
        expect(await fetchesDuring(() => ask(first, { label: one }))).toHaveLength(0);
        // The recount reaches both through Redis pub/sub, whichever published it.
        second.publishLive(recount('figures'));
        await delivered();
        expect(await fetchesDuring(() => ask(first, { label: one }))).toHaveLength(1);
        expect(await fetchesDuring(() => ask(second, { label: two }))).toHaveLength(1);
      } finally {
        // The generations never expire (entries do): this run's are removed.
        const redis = new Redis(TEST_REDIS_URL);
        await redis.del(`${env.GATEWAY_RESPONSE_CACHE_REDIS_PREFIX}generations`);
        redis.disconnect();
      }
    });
  });
});
