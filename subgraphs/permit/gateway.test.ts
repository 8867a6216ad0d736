/**
 * The permit subgraph behind the real gateway, composed with a small register subgraph that owns
 * Enterprise names (standing in for credit): a 100-enterprise list crosses both subgraphs in one
 * batched SOAP call per chunk, and a permit outage nulls only the permit fields of the answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.ts';
import { TEST_GATEWAY_ENV } from '../../test/support/callers.ts';
import { type RunningGateway, startGateway } from '../../gateway/server.ts';
import { type RunningHttpServer, listenApollo } from '../../runtime/apollo-http.ts';
import { createLogger } from '../../runtime/logger.ts';
import { subgraphSdl } from '../../graph/sdl.ts';
import { type PermitStack, postGraphql, startPermitStack } from '../../test/support/permit/stack.ts';

const REGISTER_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { enterprisesByUscc(usccs: [ID!]!): [Enterprise!]! }
  type Enterprise @key(fields: "uscc") { uscc: ID! name: String! }`;

let stack: PermitStack;
let register: RunningHttpServer;
let gateway: RunningGateway;
let dir: string;
let hundred: string[];
const nameOf = (uscc: string) => `企业${uscc.slice(-6)}`;

async function startRegister(): Promise<RunningHttpServer> {
  const enterprise = (uscc: string) => ({ uscc, name: nameOf(uscc) });
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(REGISTER_SDL),
      resolvers: {
        Query: { enterprisesByUscc: (_: unknown, a: { usccs: string[] }) => a.usccs.map(enterprise) },
        Enterprise: { __resolveReference: (r: { uscc: string }) => enterprise(r.uscc) },
      } as never,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http = await listenApollo({ server, host: '127.0.0.1', port: 0, context: async () => ({}) });
  return {
    ...http,
    stop: async () => {
      await http.stop();
      await server.stop();
    },
  };
}

beforeAll(async () => {
  stack = await startPermitStack();
  const holders = new Set(stack.world.licences.map((l) => l.holderUscc));
  hundred = [...holders, ...stack.world.enterprises.map((e) => e.uscc).filter((u) => !holders.has(u))].slice(0, 100);
  register = await startRegister();
  const composed = composeServices([
    { name: 'register', url: register.url, typeDefs: parse(REGISTER_SDL) },
    { name: 'permit', url: await stack.serve(), typeDefs: parse(subgraphSdl('permit')) },
  ]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  dir = mkdtempSync(join(tmpdir(), 'eg-permit-gateway-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  gateway = await startGateway(
    readGatewayConfig({
      ...TEST_GATEWAY_ENV,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      LOG_LEVEL: 'silent',
    }),
    createLogger({ level: 'silent', name: 'test' }),
  );
});
afterEach(() => stack.service.setFaults({ outage: false }));
afterAll(async () => {
  await gateway?.stop();
  await register?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const LIST = `query($usccs: [ID!]!) { enterprisesByUscc(usccs: $usccs) { uscc name licences(status: VALID) { number expiresOn } } }`;

describe('permit subgraph through the gateway', () => {
  it('serves 100 enterprises with names and valid licences in ceil(100/50) SOAP calls', async () => {
    await postGraphql(gateway.url, LIST, { usccs: hundred.slice(0, 2) }); // warm the query plan
    stack.recorder.clear();
    const started = performance.now();
    const result = await postGraphql(gateway.url, LIST, { usccs: hundred });
    const ms = performance.now() - started;
    const spoiledAt = hundred.indexOf(stack.spoiledHolder);
    expect(result.errors?.map((e) => [e.path, e.extensions.code, e.extensions.system])).toEqual([
      [['enterprisesByUscc', spoiledAt, 'licences'], 'LEGACY_BAD_DATA', 'permit'],
    ]);
    expect(result.data.enterprisesByUscc).toHaveLength(100);
    const first = result.data.enterprisesByUscc[0];
    expect(first.name).toBe(nameOf(hundred[0]!));
    expect(first.licences.map((l: { number: string }) => l.number).sort()).toEqual(
      stack.world.licences
        .filter((l) => l.holderUscc === hundred[0] && l.status === 'VALID')
        .map((l) => l.number)
        .sort(),
    );
    expect(stack.recorder.calls.map((c) => [c.operation, c.keys])).toEqual([
      ['licencesByHolder', 50],
      ['licencesByHolder', 50],
    ]);
    console.info(
      `permit via gateway: 100 enterprises in ${ms.toFixed(0)} ms, ${stack.recorder.calls.length} SOAP calls`,
    );
  });

  it('keeps the register fields when the permit system is down: licences null with LEGACY_UNAVAILABLE, system permit', async () => {
    stack.service.setFaults({ outage: true });
    const result = await postGraphql(gateway.url, LIST, { usccs: hundred.slice(0, 2) });
    expect(result.data.enterprisesByUscc).toEqual(
      hundred.slice(0, 2).map((uscc) => ({ uscc, name: nameOf(uscc), licences: null })),
    );
    expect(result.errors!.map((e) => e.extensions)).toEqual(
      Array(2).fill(expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'permit' })),
    );
  });

  it('passes BAD_USER_INPUT for a malformed certificate number and joins expiring licences to their holders', async () => {
    const bad = await postGraphql(gateway.url, '{ operatorCertificate(number: "TZT-1") { number } }');
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'number' });
    const expiring = await postGraphql(
      gateway.url,
      '{ licencesExpiring(withinDays: 365, first: 3) { totalCount nodes { number holder { uscc name } } } }',
    );
    expect(expiring.errors).toBeUndefined();
    for (const node of expiring.data.licencesExpiring.nodes) expect(node.holder.name).toBe(nameOf(node.holder.uscc));
  });
});
