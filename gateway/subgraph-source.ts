/**
 * How the gateway reaches subgraphs: Apollo's RemoteGraphQLDataSource on Node's built-in fetch
 * (undici: keep-alive connection pooling by default), with a per-fetch timeout, forwarding the
 * request id so one request can be followed through every log, and counting and timing every fetch.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { Metrics } from '../runtime/metrics.ts';
import type { GatewayContext } from './context.ts';

export function createSubgraphSource(
  name: string,
  url: string,
  timeoutMs: number,
  metrics: Metrics,
): RemoteGraphQLDataSource<GatewayContext> {
  const fetches = metrics.counter(
    'equipment_graph_subgraph_fetches_total',
    'Fetches from the gateway to a subgraph, by subgraph and outcome (ok, http_<status>, timeout, unreachable).',
    ['subgraph', 'outcome'],
  );
  const seconds = metrics.histogram(
    'equipment_graph_subgraph_fetch_duration_seconds',
    'Duration of fetches from the gateway to a subgraph, by subgraph.',
    ['subgraph'],
  );
  const fetcher = (async (input: string, init?: RequestInit) => {
    const started = performance.now();
    let outcome = 'unreachable';
    try {
      const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      outcome = response.ok ? 'ok' : `http_${response.status}`;
      return response;
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') outcome = 'timeout';
      throw error;
    } finally {
      fetches.inc({ subgraph: name, outcome });
      seconds.observe({ subgraph: name }, (performance.now() - started) / 1000);
    }
  }) as unknown as Fetcher;
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
      throw new GraphQLError(
        `The ${name} subgraph ${timedOut ? `did not answer within ${timeoutMs} ms` : 'is unavailable'}`,
        {
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: name },
          originalError: error,
        },
      );
    },
  });
}
