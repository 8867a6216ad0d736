/**
 * Two small real subgraphs (Apollo subgraph servers on loopback) and their composed supergraph on
 * disk: enough federation to test the gateway's own behaviour without the legacy systems.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { listenApollo, type RunningHttpServer } from '../../runtime/apollo-http.ts';

const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const registerSdl = `${FED}
  type Query { enterprise(uscc: ID!): Enterprise boom: String }
  type Enterprise @key(fields: "uscc") { uscc: ID! name: String! }`;
const licenceSdl = `${FED}
  type Enterprise @key(fields: "uscc") { uscc: ID! licenceCount: Int! }`;

export const TINY_ENTERPRISE_NAME = '上海汽车集团股份有限公司';
const TINY_SECRET = 'postgres://admin:secret@db';

async function serve(sdl: string, resolvers: Record<string, unknown>): Promise<RunningHttpServer> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
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

export interface TinyFederation {
  readonly register: RunningHttpServer;
  readonly licence: RunningHttpServer;
  readonly supergraphPath: string;
  stop(): Promise<void>;
}

export async function startTinyFederation(): Promise<TinyFederation> {
  const register = await serve(registerSdl, {
    Query: {
      enterprise: (_: unknown, { uscc }: { uscc: string }) => ({ uscc, name: TINY_ENTERPRISE_NAME }),
      boom: () => {
        throw new Error(`connection string ${TINY_SECRET} leaked`);
      },
    },
  });
  const licence = await serve(licenceSdl, {
    Enterprise: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc, licenceCount: 3 }) },
  });
  const composed = composeServices([
    { name: 'register', url: register.url, typeDefs: parse(registerSdl) },
    { name: 'licence', url: licence.url, typeDefs: parse(licenceSdl) },
  ]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  const dir = mkdtempSync(join(tmpdir(), 'eg-gateway-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  return {
    register,
    licence,
    supergraphPath,
    async stop() {
      await register.stop();
      await licence.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
