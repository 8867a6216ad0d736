/**
 * How the gateway reaches subgraphs: a GraphQLDataSource of our own over an undici keep-alive pool
 * (fetcher/subgraph-http.ts), forwarding the request id so one request can be followed through every
 * log, and counting and timing every fetch. Each fetch is bounded by the request's deadline
 * (runtime/request-scope.ts, opened by the gateway's server) as well as the subgraph timeout, and is
 * aborted when the client goes away. Every fetch carries the verified caller and the deadline the
 * subgraph must keep in the signed internal header (graph/gateway-signature.ts), signed over the body.
 * Identical query fetches in flight for callers with the same rights are sent once
 * (fetcher/in-flight.ts; GATEWAY_SUBGRAPH_DEDUPE). Stale-answer notes a subgraph reports in its
 * `extensions` are passed on to the gateway's own answer, and each fetch is noted in the request's scope
 * (which subgraph, sent when) for the response cache (cache/invalidation.ts). No inline tracing is asked for.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { mayReadPersonalData } from '../graph/caller.ts';
import { GATEWAY_CALLER_HEADER, signCallerHeader } from '../graph/gateway-signature.ts';
import type { Metrics } from '../runtime/metrics.ts';
import { type RequestScope, currentRequestScope } from '../runtime/request-scope.ts';
import { callerRightsKey } from './caller-rights.ts';
import type { GatewayContext } from './context.ts';
import { InFlight } from './fetcher/in-flight.ts';
import { type SubgraphAnswer, SubgraphHttp } from './fetcher/subgraph-http.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * The subgraph is asked to finish this much before the gateway's own deadline, so that its answer
 * (partial, with LEGACY_TIMEOUT for the calls it gave up) has time to come back and be merged.
 */
const SUBGRAPH_DEADLINE_MARGIN_MS = 250;

/** The deadline the gateway gives a subgraph for this request, epoch ms. */
function subgraphDeadline(scope: RequestScope): number {
  return scope.deadline - Math.min(SUBGRAPH_DEADLINE_MARGIN_MS, Math.floor(scope.remainingMs() / 4));
}

export interface SubgraphSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  readonly metrics: Metrics;
  readonly signingSecret: string;
  /** Whether identical in-flight query fetches are sent once. */
  readonly dedupe: boolean;
}

export interface SubgraphSource extends GraphQLDataSource<GatewayContext> {
  close(): Promise<void>;
}

export function createSubgraphSource(options: SubgraphSourceOptions): SubgraphSource {
  const { name, timeoutMs, metrics, signingSecret } = options;
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
  const shared = metrics.counter(
    'equipment_graph_subgraph_fetches_shared_total',
    'Subgraph fetches not sent because an identical one (same body, same caller rights) was in flight, by subgraph.',
    ['subgraph'],
  );
  const http = new SubgraphHttp(options.url);
  const inFlight = new InFlight<SubgraphAnswer>();

  /** One fetch on the wire, bounded by the subgraph timeout and the scope's deadline and client. */
  async function send(
    body: string,
    headers: Record<string, string>,
    scope: RequestScope | undefined,
    followClient: boolean,
  ): Promise<SubgraphAnswer> {
    const started = performance.now();
    const limit = Math.min(timeoutMs, scope ? scope.remainingMs() : timeoutMs);
    const signal =
      scope && followClient ? AbortSignal.any([AbortSignal.timeout(limit), scope.signal]) : AbortSignal.timeout(limit);
    let outcome = 'unreachable';
    try {
      const answer = await http.post(body, headers, signal);
      outcome = answer.status >= 200 && answer.status < 300 ? 'ok' : `http_${answer.status}`;
      return answer;
    } catch (error) {
      outcome = (followClient ? scope?.ended : undefined) ?? (isTimeout(error, signal) ? 'timeout' : 'unreachable');
      throw error;
    } finally {
      fetches.inc({ subgraph: name, outcome });
      seconds.observe({ subgraph: name }, (performance.now() - started) / 1000);
    }
  }

  return {
    async process(request: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
      // The supergraph is static: every fetch is made for a request, whose context holds the verified caller.
      if (!('incomingRequestContext' in request)) throw new Error(`The ${name} subgraph is only fetched for requests`);
      const { context } = request;
      const { query, variables, operationName } = request.request;
      const body = JSON.stringify({ query, variables, operationName });
      const scope = currentRequestScope();
      const headers = {
        'content-type': 'application/json',
        'x-request-id': context.requestId,
        [GATEWAY_CALLER_HEADER]: signCallerHeader(
          {
            caller: context.caller,
            requestId: context.requestId,
            deadline: scope ? subgraphDeadline(scope) : context.deadline,
            // The caller's own operation, named in the audit records of personal data the subgraph reveals.
            operation: {
              name: request.incomingRequestContext.operationName ?? null,
              hash: request.incomingRequestContext.queryHash ?? null,
            },
          },
          body,
          signingSecret,
          Date.now(),
        ),
      };
      // When the data answered was read: now, or when the shared fetch this one joins was sent.
      let sentAt = Date.now();
      let answer: SubgraphAnswer;
      try {
        answer =
          options.dedupe &&
          request.incomingRequestContext.operation?.operation === 'query' &&
          // Each unmasked read of personal data is audited as its own request: never shared.
          !mayReadPersonalData(context.caller)
            ? await inFlight.run(
                `${callerRightsKey(context.caller)}\n${body}`,
                () => send(body, headers, scope, false),
                scope?.signal,
                (joinedSentAt) => {
                  sentAt = joinedSentAt;
                  shared.inc({ subgraph: name });
                },
              )
            : await send(body, headers, scope, true);
      } catch (error) {
        throw unavailable(name, timeoutMs, error);
      }
      scope?.noteFetched(name, sentAt);
      const response = parseAnswer(name, answer, timeoutMs);
      noteStale(response.extensions?.stale, scope);
      return response;
    },
    close: () => http.close(),
  };
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  return (error as Error).name === 'TimeoutError' || (signal.reason as Error | undefined)?.name === 'TimeoutError';
}

function parseAnswer(name: string, answer: SubgraphAnswer, timeoutMs: number): GatewayGraphQLResponse {
  if (answer.status < 200 || answer.status >= 300)
    throw unavailable(name, timeoutMs, new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch (error) {
    throw unavailable(name, timeoutMs, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw unavailable(name, timeoutMs, new Error('the answer is not a JSON object'));
  return parsed as GatewayGraphQLResponse;
}

/** Only well-formed notes pass: a subgraph's extensions are not copied blindly into our answer. */
function noteStale(stale: unknown, scope: RequestScope | undefined): void {
  if (!scope || !Array.isArray(stale)) return;
  for (const note of stale as { system?: unknown; ageSeconds?: unknown }[]) {
    if (typeof note.system === 'string' && /^[a-z]{1,20}$/.test(note.system) && Number.isFinite(note.ageSeconds))
      scope.noteStale(note.system, Number(note.ageSeconds));
  }
}

/**
 * A subgraph that cannot be reached (refused, timed out, answered other than 2xx or not JSON) is named
 * to the caller, so a dashboard can tell which system's figures are missing; the rest of the answer is
 * still served.
 */
function unavailable(name: string, timeoutMs: number, error: unknown): GraphQLError {
  const ended = currentRequestScope()?.ended;
  const timedOut = (error as Error).name === 'TimeoutError';
  const why =
    ended === 'deadline'
      ? "did not answer within the request's deadline"
      : timedOut
        ? `did not answer within ${timeoutMs} ms`
        : 'is unavailable';
  return new GraphQLError(`The ${name} subgraph ${why}`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: name },
    originalError: error as Error,
  });
}
