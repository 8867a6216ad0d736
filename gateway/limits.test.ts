/**
 * The hostile operations of the protection table, sent to a gateway serving the real supergraph whose
 * subgraphs are one recording server: each is refused with QUERY_TOO_COMPLEX and the limit it exceeded, and not
 * one subgraph fetch is made; /health answers while a flood of them is being refused; an oversized body is
 * refused while it streams.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../graph/names.ts';
import { closeServer } from '../runtime/http-body.ts';
import { createLogger } from '../runtime/logger.ts';
import { TEST_GATEWAY_ENV } from '../test/support/callers.ts';
import { postForAnswer } from '../test/support/graphql.ts';
import { aliasedIntrospection, aliasedSearch, doublingChain } from '../test/support/hostile-queries.ts';
import { readGatewayConfig } from './config.ts';
import { type RunningGateway, startGateway } from './server.ts';

describe('limits at the gateway', () => {
  let recorder: http.Server;
  let fetches = 0;
  const gateways: Record<'strict' | 'tokensRaised' | 'aliasesRaised', RunningGateway> = {} as never;

  beforeAll(async () => {
    // Every subgraph is this server: it counts what reaches it and answers nothing useful.
    recorder = http.createServer((req, res) => {
      fetches++;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":null}'));
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/graphql`;
    const env = {
      ...TEST_GATEWAY_ENV,
      // One caller sends the whole flood: the rate limit must not answer before the limits do.
      GATEWAY_RATE_BURST: '10000',
      GATEWAY_PORT: '0',
      ...Object.fromEntries(SUBGRAPHS.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, url])),
    };
    const logger = createLogger({ level: 'silent', name: 'test' });
    gateways.strict = await startGateway(readGatewayConfig(env), logger);
    gateways.tokensRaised = await startGateway(readGatewayConfig({ ...env, GATEWAY_MAX_TOKENS: '100000' }), logger);
    gateways.aliasesRaised = await startGateway(
      readGatewayConfig({ ...env, GATEWAY_MAX_TOKENS: '100000', GATEWAY_MAX_ALIASES: '10000' }),
      logger,
    );
  });

  afterAll(async () => {
    for (const gateway of Object.values(gateways)) await gateway.stop();
    if (recorder) await closeServer(recorder);
  });

  const post = (gateway: RunningGateway, query: string) => postForAnswer(gateway.url, query);

  /** Refused with QUERY_TOO_COMPLEX naming `exceeded`, without a single subgraph fetch. */
  const expectRefused = async (gateway: RunningGateway, query: string, expected: Record<string, unknown>) => {
    const before = fetches;
    const answer = await post(gateway, query);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', ...expected });
    expect(fetches).toBe(before);
  };

  it('reaches the subgraphs with an operation within the limits (so the counting below means something)', async () => {
    const before = fetches;
    await post(gateways.strict, '{ districts { code name } }');
    expect(fetches).toBe(before + 1);
  });

  it('refuses the doubling fragment chains (22 and 30 fragments) on their cost, measured in a linear walk', async () => {
    await expectRefused(gateways.strict, doublingChain(22), {
      exceeded: 'cost',
      limit: 20_000,
      measured: 2 ** 21 * 16,
    });
    await expectRefused(gateways.strict, doublingChain(30), {
      exceeded: 'cost',
      limit: 20_000,
      measured: 2 ** 29 * 16,
    });
  });

  it('refuses 1,000 aliases of a one-row search on its tokens, else its aliases, else its cost', async () => {
    const query = aliasedSearch(1000);
    await expectRefused(gateways.strict, query, { exceeded: 'tokens', limit: 5_000 });
    await expectRefused(gateways.tokensRaised, query, { exceeded: 'aliases', limit: 30, measured: 1000 });
    await expectRefused(gateways.aliasesRaised, query, { exceeded: 'cost', limit: 20_000, measured: 50_000 });
  });

  it('refuses 300 aliases of a full introspection on the introspection count', async () => {
    await expectRefused(gateways.strict, aliasedIntrospection(300), {
      exceeded: 'introspection',
      limit: 1,
      measured: 300,
    });
    // One full introspection, as the explorer sends it, is answered.
    const one = await post(gateways.strict, aliasedIntrospection(1));
    expect(one.status).toBe(200);
    expect(one.body.errors).toBeUndefined();
  });

  it('answers /health while a flood of hostile operations is being refused', async () => {
    let done = 0;
    const flood = Array.from({ length: 200 }, (_, i) =>
      post(gateways.strict, i % 2 ? aliasedIntrospection(300) : doublingChain(30)).finally(() => done++),
    );
    const health = await fetch(new URL('/health', gateways.strict.url));
    const doneWhenHealthy = done;
    expect(health.status).toBe(200);
    expect(doneWhenHealthy).toBeLessThan(flood.length);
    const answers = await Promise.all(flood);
    expect(answers.every((a) => a.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
  });

  it('refuses a body over GATEWAY_MAX_BODY_BYTES by its declared length, or as it streams, before it ends', async () => {
    const declared = await fetch(gateways.strict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ districts { code } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(declared.status).toBe(413);
    // Chunked, no length: 1.1 MB sent and the body never ended; the answer comes anyway.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(gateways.strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      request.on('response', (response) => {
        resolve(response.statusCode);
        request.destroy();
      });
      request.on('error', reject);
      request.write(`{"query":"{ districts { code } } #${'x'.repeat(1_100_000)}`);
    });
    expect(status).toBe(413);
  });
});
