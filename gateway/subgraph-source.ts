/**
 * How the gateway reaches subgraphs: Apollo's RemoteGraphQLDataSource on Node's built-in fetch
 * (undici: keep-alive connection pooling by default), with a per-fetch timeout, forwarding the
 * request id so one request can be followed through every log.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.ts';

export function createSubgraphSource(name: string, url: string, timeoutMs: number): RemoteGraphQLDataSource<GatewayContext> {
  const fetcher = ((input: string, init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
  return new RemoteGraphQLDataSource<GatewayContext>({
    url,
    fetcher,
    willSendRequest({ request, context }) {
      if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
    },
    // A subgraph that cannot be reached (refused, timed out, answered 5xx) is named to the caller,
    // so a dashboard can tell which system's figures are missing; the rest of the answer is served.
    didEncounterError(error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GraphQLError(`The ${name} subgraph ${timedOut ? `did not answer within ${timeoutMs} ms` : 'is unavailable'}`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: name },
        originalError: error,
      });
    },
  });
}
