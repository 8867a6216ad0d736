/** GraphQL requests as Prometheus metrics: count and duration by outcome (ok, partial, error). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../runtime/metrics.ts';

export function requestMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  const requests = metrics.counter(
    'equipment_graph_requests_total',
    'GraphQL requests to the gateway, by outcome: ok, partial (data with errors) or error.',
    ['outcome'],
  );
  const seconds = metrics.histogram(
    'equipment_graph_request_duration_seconds',
    'Duration of GraphQL requests to the gateway, by outcome.',
    ['outcome'],
  );
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
          const outcome = !failed ? 'ok' : body?.data ? 'partial' : 'error';
          requests.inc({ outcome });
          seconds.observe({ outcome }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
