/**
 * How the gateway reaches subgraphs: Apollo's RemoteGraphQLDataSource on Node's built-in fetch
 * (undici: keep-alive connection pooling by default), with a per-fetch timeout, forwarding the
 * request id so one request can be followed through every log.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayContext } from './context.ts';

export function createSubgraphSource(url: string, timeoutMs: number): RemoteGraphQLDataSource<GatewayContext> {
  const fetcher = ((input: string, init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
  return new RemoteGraphQLDataSource<GatewayContext>({
    url,
    fetcher,
    willSendRequest({ request, context }) {
      if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
    },
  });
}
