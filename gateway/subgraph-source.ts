/**
 * How the gateway reaches subgraphs: Apollo's RemoteGraphQLDataSource on Node's built-in fetch
 * (undici: keep-alive connection pooling by default), with a per-fetch timeout, forwarding the
 * request id so one request can be followed through every log, and counting and timing every fetch.
 * Every fetch carries the verified caller in the signed internal header (graph/gateway-signature.ts):
 * the payload is written when the request is prepared, the signature once the body is, over both.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { GATEWAY_CALLER_HEADER, encodeCallerPayload, signCallerPayload } from '../graph/gateway-signature.ts';
import type { Metrics } from '../runtime/metrics.ts';
import type { GatewayContext } from './context.ts';

export function createSubgraphSource(
  name: string,
  url: string,
  timeoutMs: number,
  metrics: Metrics,
  signingSecret: string,
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
      const headers = init?.headers as Record<string, string>;
      const payload = headers[GATEWAY_CALLER_HEADER];
      if (payload !== undefined)
        headers[GATEWAY_CALLER_HEADER] = signCallerPayload(payload, String(init?.body ?? ''), signingSecret);
      const response = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
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
      // Every fetch is made for a request, whose context holds the caller the gateway verified.
      request.http?.headers.set('x-request-id', context.requestId);
      request.http?.headers.set(
        GATEWAY_CALLER_HEADER,
        encodeCallerPayload(
          { caller: context.caller, requestId: context.requestId, deadline: context.deadline },
          Date.now(),
        ),
      );
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
