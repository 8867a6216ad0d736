/**
 * GraphQL requests as Prometheus metrics: count and duration by outcome (ok, partial, error, or
 * refused before execution: unauthenticated, over its rate) and client (a registered client's name,
 * else `token` or `anonymous`; never a key or a token, and a bounded set).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../runtime/metrics.ts';
import { clientLabel, type GatewayContext } from './context.ts';

export interface RequestMetrics {
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /** A request refused before Apollo executed it. */
  refused(client: string, seconds: number): void;
}

export function requestMetrics(metrics: Metrics): RequestMetrics {
  const requests = metrics.counter(
    'equipment_graph_requests_total',
    'GraphQL requests to the gateway, by outcome (ok, partial: data with errors, error, refused) and client.',
    ['outcome', 'client'],
  );
  const seconds = metrics.histogram(
    'equipment_graph_request_duration_seconds',
    'Duration of GraphQL requests to the gateway, by outcome and client.',
    ['outcome', 'client'],
  );
  const record = (outcome: string, client: string, elapsed: number) => {
    requests.inc({ outcome, client });
    seconds.observe({ outcome, client }, elapsed);
  };
  return {
    refused: (client, elapsed) => record('refused', client, elapsed),
    plugin: {
      async requestDidStart({ contextValue }) {
        const started = performance.now();
        return {
          async willSendResponse({ response, errors }) {
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
            const outcome = !failed ? 'ok' : body?.data ? 'partial' : 'error';
            record(outcome, clientLabel(contextValue), (performance.now() - started) / 1000);
          },
        };
      },
    },
  };
}
