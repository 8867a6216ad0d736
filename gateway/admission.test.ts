/**
 * Admission control over a real subgraph whose answers wait for the test: with N at work and Q waiting, the
 * next requests are refused at once with 503, OVERLOADED and Retry-After, the others are answered, and
 * /health and /metrics answer while GraphQL work is stuck.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.ts';
import { TEST_GATEWAY_ENV } from '../test/support/callers.ts';
import { postForAnswer } from '../test/support/graphql.ts';
import { type GatedFederation, startGatedFederation } from '../test/support/gated-federation.ts';
import { readGatewayConfig } from './config.ts';
import { type RunningGateway, startGateway } from './server.ts';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { data?: { slow?: string }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('condition not met within 10 s');
    await sleep(10);
  }
}

async function withGateway(
  env: Record<string, string>,
  test: (gateway: RunningGateway, federation: GatedFederation) => Promise<void>,
): Promise<void> {
  const federation = await startGatedFederation();
  const config = readGatewayConfig({
    ...TEST_GATEWAY_ENV,
    GATEWAY_PORT: '0',
    SUPERGRAPH_PATH: federation.supergraphPath,
    ...env,
  });
  const gateway = await startGateway(config, createLogger({ level: 'silent', name: 'test' }));
  try {
    await test(gateway, federation);
  } finally {
    federation.open();
    await gateway.stop();
    await federation.stop();
  }
}

const ask = async (gateway: RunningGateway, query: string): Promise<Answer> => {
  const { status, headers, body } = await postForAnswer(gateway.url, query);
  return { status, retryAfter: headers.get('retry-after'), body: body as Answer['body'] };
};

const metric = (text: string, series: string) =>
  Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('admission control', () => {
  it('works N, queues Q and refuses the next k at once with 503 OVERLOADED and Retry-After; /health and /metrics answer meanwhile', async () => {
    const [N, Q, k] = [3, 2, 4];
    const env = {
      GATEWAY_MAX_CONCURRENT_REQUESTS: String(N),
      GATEWAY_MAX_QUEUED_REQUESTS: String(Q),
      GATEWAY_QUEUE_TIMEOUT_MS: '30000',
    };
    await withGateway(env, async (gateway, federation) => {
      const settled: Answer[] = [];
      const answers = Array.from({ length: N + Q + k }, () =>
        ask(gateway, '{ slow }').then((a) => (settled.push(a), a)),
      );
      // The refused come back while every admitted request is still waiting in the subgraph.
      await until(() => settled.length === k && federation.arrived() === N);
      for (const refused of settled) {
        expect(refused.status).toBe(503);
        expect(refused.retryAfter).toBe('30');
        expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'OVERLOADED', retryAfterSeconds: 30 });
      }
      const health = await fetch(new URL('/health', gateway.url));
      expect(health.status).toBe(200);
      const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
      expect(metric(metrics, 'equipment_graph_requests_in_flight')).toBe(N);
      expect(metric(metrics, 'equipment_graph_request_queue_length')).toBe(Q);
      expect(metric(metrics, 'equipment_graph_requests_refused_total{reason="queue_full"}')).toBe(k);
      expect(metric(metrics, 'equipment_graph_requests_admitted_total{wait="none"}')).toBe(N);

      federation.open();
      const all = await Promise.all(answers);
      expect(all.filter((a) => a.status === 503)).toHaveLength(k);
      expect(all.filter((a) => a.status === 200 && a.body.data?.slow === 'done')).toHaveLength(N + Q);
      expect(federation.arrived()).toBe(N + Q);
      const after = await (await fetch(new URL('/metrics', gateway.url))).text();
      expect(metric(after, 'equipment_graph_requests_admitted_total{wait="queued"}')).toBe(Q);
      expect(metric(after, 'equipment_graph_requests_in_flight')).toBe(0);
    });
  });

  it('refuses a request that waited the queue timeout without a place, and frees its place in the queue', async () => {
    const env = {
      GATEWAY_MAX_CONCURRENT_REQUESTS: '1',
      GATEWAY_MAX_QUEUED_REQUESTS: '1',
      GATEWAY_QUEUE_TIMEOUT_MS: '200',
    };
    await withGateway(env, async (gateway, federation) => {
      const stuck = ask(gateway, '{ slow }');
      await until(() => federation.arrived() === 1);
      const waited = await ask(gateway, '{ fast }');
      expect(waited.status).toBe(503);
      expect(waited.retryAfter).toBe('1');
      expect(waited.body.errors?.[0]?.message).toContain('No place freed within 200 ms');
      const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
      expect(metric(metrics, 'equipment_graph_requests_refused_total{reason="queue_timeout"}')).toBe(1);
      expect(metric(metrics, 'equipment_graph_request_queue_length')).toBe(0);
      federation.open();
      expect((await stuck).status).toBe(200);
      expect((await ask(gateway, '{ fast }')).status).toBe(200);
    });
  });
});

describe('the routes outside admission', () => {
  let federation: GatedFederation;
  let gateway: RunningGateway;

  beforeAll(async () => {
    federation = await startGatedFederation();
    const config = readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: federation.supergraphPath,
      GATEWAY_MAX_CONCURRENT_REQUESTS: '1',
      GATEWAY_MAX_QUEUED_REQUESTS: '0',
      GATEWAY_HEALTH_PORT: '0',
    });
    gateway = await startGateway(config, createLogger({ level: 'silent', name: 'test' }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await federation?.stop();
  });

  it('serves /health, /ready and /metrics, and /health on its own port, while the only place is taken', async () => {
    const stuck = ask(gateway, '{ slow }');
    await until(() => federation.arrived() === 1);
    expect((await ask(gateway, '{ fast }')).status).toBe(503);
    for (const path of ['/health', '/ready', '/metrics'])
      expect((await fetch(new URL(path, gateway.url))).status, path).toBe(200);
    expect(new URL(gateway.healthUrl).port).not.toBe(new URL(gateway.url).port);
    expect((await fetch(gateway.healthUrl)).status).toBe(200);
    federation.open();
    expect((await stuck).status).toBe(200);
  });
});
