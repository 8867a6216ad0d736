/**
 * One real subgraph whose `slow` field waits until the test opens a gate, composed into a supergraph on disk:
 * requests that stay at work in the gateway for as long as a test needs, counted as they reach the subgraph.
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

const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query { slow: String! fast: String! }`;

export interface GatedFederation {
  readonly supergraphPath: string;
  /** Requests that reached `slow` so far. */
  readonly arrived: () => number;
  /** Lets every waiting and later `slow` answer. */
  open(): void;
  stop(): Promise<void>;
}

export async function startGatedFederation(): Promise<GatedFederation> {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(sdl),
      resolvers: {
        Query: {
          slow: async () => {
            arrived++;
            await gate;
            return 'done';
          },
          fast: () => 'done',
        },
      },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http: RunningHttpServer = await listenApollo({ server, host: '127.0.0.1', port: 0, context: async () => ({}) });
  const composed = composeServices([{ name: 'gated', url: http.url, typeDefs: parse(sdl) }]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  const dir = mkdtempSync(join(tmpdir(), 'eg-gated-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  return {
    supergraphPath,
    arrived: () => arrived,
    open,
    async stop() {
      open();
      await http.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
