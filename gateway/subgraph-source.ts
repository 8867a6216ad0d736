/**
 * How the gateway reaches subgraphs: Apollo's RemoteGraphQLDataSource on Node's built-in fetch
 * (undici: keep-alive connection pooling by default), forwarding the request id so one request can be
 * followed through every log, and counting and timing every fetch. Each fetch is bounded by the
 * request's deadline (runtime/request-scope.ts, opened by the gateway's server) as well as the
 * subgraph timeout, and is aborted when the client goes away. Every fetch carries the verified caller
 * and the deadline the subgraph must keep in the signed internal header (graph/gateway-signature.ts):
 * the payload is written when the request is prepared, the signature once the body is, over both.
 * Stale-answer notes a subgraph reports in its `extensions` are passed on to the gateway's own answer.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { GATEWAY_CALLER_HEADER, encodeCallerPayload, signCallerPayload } from '../graph/gateway-signature.ts';
import type { Metrics } from '../runtime/metrics.ts';
import { type RequestScope, currentRequestScope } from '../runtime/request-scope.ts';
import type { GatewayContext } from './context.ts';

/**
 * The subgraph is asked to finish this much before the gateway's own deadline, so that its answer
 * (partial, with LEGACY_TIMEOUT for the calls it gave up) has time to come back and be merged.
 */
const SUBGRAPH_DEADLINE_MARGIN_MS = 250;

/** The deadline the gateway gives a subgraph for this request, epoch ms. */
function subgraphDeadline(scope: RequestScope): number {
  return scope.deadline - Math.min(SUBGRAPH_DEADLINE_MARGIN_MS, Math.floor(scope.remainingMs() / 4));
}

export function createSubgraphSource(
  name: string,
  url: string,
  timeoutMs: number,
  metrics: Metrics,
  signingSecret: string,
): RemoteGraphQLDataSource<GatewayContext> {
  const fetches = metrics.counter(
    'equipment_graph_subgraph_fetches_total',
    'Fetches from the gateway to a subgraph, by subgraph and outcome (ok, http_<status>, timeout, deadline, cancelled, unreachable).',
    ['subgraph', 'outcome'],
  );
  const seconds = metrics.histogram(
    'equipment_graph_subgraph_fetch_duration_seconds',
    'Duration of fetches from the gateway to a subgraph, by subgraph.',
    ['subgraph'],
  );
  const fetcher = (async (input: string, init?: RequestInit) => {
    const started = performance.now();
    const scope = currentRequestScope();
    const limit = Math.min(timeoutMs, scope ? scope.remainingMs() : timeoutMs);
    const signal = scope ? AbortSignal.any([AbortSignal.timeout(limit), scope.signal]) : AbortSignal.timeout(limit);
    let outcome = 'unreachable';
    try {
      const headers = init?.headers as Record<string, string>;
      const payload = headers[GATEWAY_CALLER_HEADER];
      if (payload !== undefined)
        headers[GATEWAY_CALLER_HEADER] = signCallerPayload(payload, String(init?.body ?? ''), signingSecret);
      const response = await fetch(input, { ...init, headers, signal });
      outcome = response.ok ? 'ok' : `http_${response.status}`;
      return response;
    } catch (error) {
      outcome = scope?.ended ?? ((error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable');
      throw error;
    } finally {
      fetches.inc({ subgraph: name, outcome });
      seconds.observe({ subgraph: name }, (performance.now() - started) / 1000);
    }
  }) as unknown as Fetcher;
  return new RemoteGraphQLDataSource<GatewayContext>({
    url,
    fetcher,
    willSendRequest({ request, context, ...options }) {
      // Every fetch is made for a request, whose context holds the caller the gateway verified.
      request.http?.headers.set('x-request-id', context.requestId);
      const scope = currentRequestScope();
      request.http?.headers.set(
        GATEWAY_CALLER_HEADER,
        encodeCallerPayload(
          {
            caller: context.caller,
            requestId: context.requestId,
            deadline: scope ? subgraphDeadline(scope) : context.deadline,
            // The caller's own operation, named in the audit records of personal data the subgraph reveals.
            operation:
              'incomingRequestContext' in options
                ? {
                    name: options.incomingRequestContext.operationName ?? null,
                    hash: options.incomingRequestContext.queryHash ?? null,
                  }
                : undefined,
          },
          Date.now(),
        ),
      );
    },
    didReceiveResponse({ response }) {
      const stale: unknown = response.extensions?.stale;
      const scope = currentRequestScope();
      if (scope && Array.isArray(stale)) {
        for (const note of stale as { system?: unknown; ageSeconds?: unknown }[]) {
          // Only well-formed notes pass: a subgraph's extensions are not copied blindly into our answer.
          if (typeof note.system === 'string' && /^[a-z]{1,20}$/.test(note.system) && Number.isFinite(note.ageSeconds))
            scope.noteStale(note.system, Number(note.ageSeconds));
        }
      }
      return response;
    },
    // A subgraph that cannot be reached (refused, timed out, answered 5xx) is named to the caller,
    // so a dashboard can tell which system's figures are missing; the rest of the answer is served.
    didEncounterError(error) {
      const ended = currentRequestScope()?.ended;
      const timedOut = (error as Error).name === 'TimeoutError';
      const why =
        ended === 'deadline'
          ? "did not answer within the request's deadline"
          : timedOut
            ? `did not answer within ${timeoutMs} ms`
            : 'is unavailable';
      throw new GraphQLError(`The ${name} subgraph ${why}`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: name },
        originalError: error,
      });
    },
  });
}
