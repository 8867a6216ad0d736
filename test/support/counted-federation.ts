/**
 * A one-subgraph federation that records every fetch the gateway makes to it, with the caller the
 * signed header carries (test secret): the response cache's and the shared fetches' tests count on it.
 * Its figures state `computedAt` as the test sets it, and its answers can be held back to keep
 * fetches in flight.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Caller } from '../../graph/caller.ts';
import { GATEWAY_CALLER_HEADER, verifyCallerHeader } from '../../graph/gateway-signature.ts';
import { listenApollo } from '../../runtime/apollo-http.ts';
import { TEST_SIGNING_SECRET } from './callers.ts';

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { figures(label: String): Figures! }
  type Figures { label: String districts: [String!] count: Int! computedAt: String! }`;

interface RecordedFetch {
  readonly caller: Caller;
  readonly body: string;
}

export interface CountedFederation {
  readonly url: string;
  readonly supergraphPath: string;
  /** Every fetch received, in order. */
  readonly fetches: RecordedFetch[];
  /** What `computedAt` says in the next answers (default: the time of each answer). */
  computedAt: (() => string) | undefined;
  /** How long each answer is held back. */
  delayMs: number;
  stop(): Promise<void>;
}

export async function startCountedFederation(): Promise<CountedFederation> {
  let count = 0;
  const state = {
    fetches: [] as RecordedFetch[],
    computedAt: undefined as (() => string) | undefined,
    delayMs: 0,
  };
  const server = new ApolloServer<{ caller: Caller }>({
    schema: buildSubgraphSchema({
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          figures: async (_: unknown, { label }: { label?: string }, { caller }: { caller: Caller }) => {
            if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
            return {
              label: label ?? null,
              districts: caller.districts ?? null,
              count: ++count,
              computedAt: state.computedAt?.() ?? new Date().toISOString(),
            };
          },
        },
      } as never,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http = await listenApollo({
    server,
    host: '127.0.0.1',
    port: 0,
    context: async (req, _requestId, body) => {
      const header = req.headers[GATEWAY_CALLER_HEADER];
      const verified = verifyCallerHeader(
        typeof header === 'string' ? header : undefined,
        body,
        TEST_SIGNING_SECRET,
        Date.now(),
        30_000,
      );
      if (!verified.ok) throw new Error(`unsigned fetch: ${verified.reason}`);
      state.fetches.push({ caller: verified.caller, body });
      return { caller: verified.caller };
    },
  });
  const composed = composeServices([{ name: 'figures', url: http.url, typeDefs: parse(SDL) }]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('; '));
  const dir = mkdtempSync(join(tmpdir(), 'eg-counted-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  return Object.assign(state, {
    url: http.url,
    supergraphPath,
    async stop() {
      await http.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
