/**
 * The gateway over two small real subgraphs (Apollo subgraph servers on loopback), composed in the
 * test: routing, partial answers when a subgraph dies, masking, health, readiness and the log line.
 */
import { Writable } from 'node:stream';
import type { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.ts';
import { TINY_ENTERPRISE_NAME, type TinyFederation, startTinyFederation } from '../test/support/tiny-federation.ts';
import { TEST_GATEWAY_ENV } from '../test/support/callers.ts';
import { readGatewayConfig } from './config.ts';
import { type RunningGateway, startGateway } from './server.ts';

describe('gateway', () => {
  let federation: TinyFederation;
  let gateway: RunningGateway;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    federation = await startTinyFederation();
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const config = readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: federation.supergraphPath,
    });
    gateway = await startGateway(config, createLogger({ level: 'info', name: 'test' }, sink));
  });

  afterAll(async () => {
    await gateway?.stop();
    await federation?.stop();
  });

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('answers a query that crosses both subgraphs', async () => {
    const response = await post('query One { enterprise(uscc: "91310000132260250X") { name licenceCount } }', {
      'apollographql-client-name': 'dashboard',
    });
    expect(await response.json()).toEqual({ data: { enterprise: { name: TINY_ENTERPRISE_NAME, licenceCount: 3 } } });
    expect(response.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('counts requests by outcome and subgraph fetches by subgraph on GET /metrics, in Prometheus text (while both subgraphs are up)', async () => {
    const count = async (pattern: RegExp) =>
      Number(pattern.exec(await (await fetch(new URL('/metrics', gateway.url))).text())?.[1] ?? 0);
    const okBefore = await count(/^equipment_graph_requests_total\{outcome="ok",client="anonymous"\} (\d+)$/m);
    const fetchesBefore = await count(
      /^equipment_graph_subgraph_fetches_total\{subgraph="register",outcome="ok"\} (\d+)$/m,
    );
    await post('{ enterprise(uscc: "91310000132260250X") { name licenceCount } }');
    expect(await count(/^equipment_graph_requests_total\{outcome="ok",client="anonymous"\} (\d+)$/m)).toBe(
      okBefore + 1,
    );
    expect(await count(/^equipment_graph_subgraph_fetches_total\{subgraph="register",outcome="ok"\} (\d+)$/m)).toBe(
      fetchesBefore + 1,
    );
    const response = await fetch(new URL('/metrics', gateway.url));
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await response.text()).toMatch(
      /^equipment_graph_request_duration_seconds_bucket\{le="\+Inf",outcome="ok",client="anonymous"\} \d+$/m,
    );
  });

  it('writes one JSON log line per request, without the query or variables', async () => {
    logLines.length = 0;
    await post('query Logged { enterprise(uscc: "91310000132260250X") { name } }', {
      'apollographql-client-name': 'bureau-x',
      'x-request-id': 'req-42',
    });
    const requestLines = logLines.filter((l) => l.msg === 'graphql request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      requestId: 'req-42',
      operationName: 'Logged',
      client: 'bureau-x',
      outcome: 'ok',
      status: 200,
    });
    expect(typeof requestLines[0]?.durationMs).toBe('number');
    expect(JSON.stringify(requestLines[0])).not.toContain('91310000132260250X');
  });

  it('masks unexpected subgraph errors and keeps the secret out of the answer', async () => {
    const body = JSON.stringify(await (await post('{ boom }')).json());
    expect(body).toContain('INTERNAL_SERVER_ERROR');
    expect(body).not.toContain('secret');
    expect(body).not.toContain('postgres://');
  });

  it('passes request errors through with their own code', async () => {
    const invalid = (await (await post('{ nope }')).json()) as { errors: { extensions: { code: string } }[] };
    expect(invalid.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { boom }', operationName: 'B' }),
    });
    const unknown = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(unknown.errors[0]?.extensions.code).toBe('INVALID_GRAPHQL');
  });

  it('serves health always and readiness only while every subgraph answers', async () => {
    expect((await fetch(new URL('/health', gateway.url))).status).toBe(200);
    const ready = await fetch(new URL('/ready', gateway.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { register: 'ok', licence: 'ok' } });
  });

  it('serves the rest of an answer when one subgraph is down, and reports not ready', async () => {
    await federation.licence.stop();
    const body = (await (await post('{ enterprise(uscc: "91310000132260250X") { name licenceCount } }')).json()) as {
      data: unknown;
      errors: GraphQLError[];
    };
    // licenceCount is non-null, so its null propagates to the nullable enterprise.
    expect(body.data).toEqual({ enterprise: null });
    expect(body.errors).toEqual([
      {
        message: 'The licence subgraph is unavailable',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: 'licence' },
      },
    ]);
    const nameOnly = (await (await post('{ enterprise(uscc: "91310000132260250X") { name } }')).json()) as {
      data: unknown;
    };
    expect(nameOnly.data).toEqual({ enterprise: { name: TINY_ENTERPRISE_NAME } });
    const ready = await fetch(new URL('/ready', gateway.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not ready',
      subgraphs: { register: 'ok', licence: 'unreachable' },
    });
  });

  it('serves its own explorer page with a same-origin-only policy, and 404 for unknown assets', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).toContain('/explorer/graphiql.min.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(new URL('/explorer/graphiql.min.js', gateway.url))).status).toBe(200);
    expect((await fetch(new URL('/explorer/__proto__', gateway.url))).status).toBe(404);
    expect((await fetch(new URL('/explorer/../package.json', gateway.url))).status).toBe(404);
  });

  it('refuses an oversized body before parsing it', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1_000_001),
    });
    expect(response.status).toBe(413);
  });
});

describe('gateway configuration', () => {
  it('names the variable when a value is bad', () => {
    expect(() => readGatewayConfig({ GATEWAY_PORT: 'x' })).toThrow('GATEWAY_PORT');
    expect(() => readGatewayConfig({ SUBGRAPH_URL_PERMIT: 'nope' })).toThrow('SUBGRAPH_URL_PERMIT');
  });

  it('fails start-up with the path when the supergraph cannot be read', async () => {
    const config = readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      SUPERGRAPH_PATH: '/nonexistent/supergraph.graphql',
      GATEWAY_PORT: '0',
    });
    await expect(startGateway(config, createLogger({ level: 'silent', name: 'test' }))).rejects.toThrow(
      'Cannot read the supergraph at /nonexistent/supergraph.graphql (SUPERGRAPH_PATH)',
    );
  });
});
