/**
 * End to end over the embedded default at the demo scale (the city npm start serves): the four
 * stand-ins, adapters and subgraphs behind the real gateway, in this process. Proves one query
 * crosses all four systems, every example operation in docs/operations answers, bad identifiers get
 * BAD_USER_INPUT, and nothing but loopback is ever contacted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../adapters/core/calls.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../embedded/stack.ts';
import { createLogger } from '../runtime/logger.ts';
import { isLoopback, recordConnections } from './support/outbound.ts';
import { loadOperation, operationNames } from './support/operations.ts';
import { ZERO_PORTS } from './support/stack.ts';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('the embedded graph at the demo scale', () => {
  let stack: EmbeddedStack;
  const recorder = new CallRecorder();
  const connections = recordConnections();

  beforeAll(async () => {
    stack = await startEmbeddedStack(
      { ...ZERO_PORTS, SEED_SCALE: 'demo', DATA_DIR: 'data' },
      createLogger({ level: 'silent', name: 'e2e' }),
      { observers: [recorder.observer] },
    );
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    connections.restore();
  });

  const run = async (query: string, variables: unknown = {}): Promise<GraphQLResponse> => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };

  it('answers one query with data from all four systems, in few legacy calls', async () => {
    recorder.clear();
    const { query } = loadOperation('Enterprise360');
    const body = await run(query, { uscc: '913101135B1639UU1H' });
    expect(body.errors).toBeUndefined();
    const enterprise = body.data?.enterprise as Record<string, any>;
    expect(enterprise.name).toBe('上海宝山新诚电梯工程有限公司'); // credit
    expect(enterprise.legalRepresentative).toMatch(/^.\*+$/); // masked for an anonymous caller
    expect(enterprise.licences.length).toBeGreaterThan(0); // permit
    expect(enterprise.maintainedElevators.totalCount).toBeGreaterThan(0); // elevator
    expect(enterprise.maintainedElevators.nodes[0].equipment.inspections.length).toBe(1); // inspection
    expect(typeof enterprise.licenceCompliance.compliant).toBe('boolean'); // supervision
    const bySystem = recorder.bySystem();
    expect(Object.keys(bySystem).sort()).toEqual(['credit', 'elevator', 'inspection', 'permit']);
    // Every list is batched: a legacy operation is called once per subgraph that needs it for the whole
    // answer, never per elevator or item. Credit profiles and latest inspections are read by their own
    // subgraphs and by the elevator subgraph (on-demand eligibility), so at most twice.
    const perOperation = new Map<string, number>();
    for (const c of recorder.calls)
      perOperation.set(`${c.system}.${c.operation}`, (perOperation.get(`${c.system}.${c.operation}`) ?? 0) + 1);
    expect(perOperation.size).toBeGreaterThan(4);
    expect([...perOperation].filter(([, n]) => n > 2)).toEqual([]);
  });

  it('runs every example query in docs/operations without an error or an empty answer', async () => {
    const names = operationNames();
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const { query, variables } = loadOperation(name);
      const body = await run(query, variables);
      expect(body.errors, name).toBeUndefined();
      const values = Object.values(body.data ?? {});
      expect(values.length, name).toBeGreaterThan(0);
      for (const value of values) {
        expect(value, name).not.toBeNull();
        if (Array.isArray(value)) expect(value.length, name).toBeGreaterThan(0);
        if (value && typeof value === 'object' && 'totalCount' in value)
          expect((value as { totalCount: number }).totalCount, name).toBeGreaterThan(0);
      }
    }
  });

  it('says what is wrong with a malformed identifier, and gives null for an unknown one', async () => {
    const bad = await run('{ enterprise(uscc: "91310000132260250Y") { name } equipment(code: "123") { code } }');
    const codes = (bad.errors ?? []).map((e) => [e.extensions?.code, e.message]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['BAD_USER_INPUT', "uscc is not a valid unified social credit code: check character should be 'X', got 'Y'"],
        ['BAD_USER_INPUT', expect.stringContaining('registration code must be 20 digits')],
      ]),
    );
    const unknown = await run(
      '{ enterprise(uscc: "91310000132260250X") { name } equipment(code: "31103101012015019999") { code } }',
    );
    expect(unknown).toEqual({ data: { enterprise: null, equipment: null } });
  });

  it('refuses an operation too large for the legacy systems before any of them is called', async () => {
    recorder.clear();
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ enterpriseSearch(first: 100) { nodes { usedEquipment(first: 100) { nodes { code hazards { id } } } } } }',
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', exceeded: 'cost', limit: 20_000 });
    expect(recorder.calls).toEqual([]);
  });

  it("counts and times every legacy call of the process by system on the gateway's /metrics", async () => {
    const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
    for (const system of ['permit', 'inspection', 'elevator', 'credit']) {
      expect(text).toMatch(
        new RegExp(
          `^equipment_graph_legacy_calls_total\\{system="${system}",operation="\\w+",outcome="ok"\\} [1-9]\\d*$`,
          'm',
        ),
      );
      expect(text).toMatch(
        new RegExp(
          `^equipment_graph_legacy_call_duration_seconds_count\\{system="${system}",operation="\\w+"\\} [1-9]\\d*$`,
          'm',
        ),
      );
    }
  });

  it('is ready, and has contacted nothing but loopback addresses', async () => {
    expect((await fetch(new URL('/ready', stack.gateway.url))).status).toBe(200);
    expect(connections.destinations.length).toBeGreaterThan(0);
    expect(connections.destinations.filter((d) => !isLoopback(d))).toEqual([]);
  });
});
