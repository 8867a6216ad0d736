/**
 * One JSON log line per GraphQL request: request id, operation, client, subject, duration, outcome.
 * Variables, the query text and credentials are never logged (they may carry personal data or keys);
 * requests refused before execution are logged where they are refused (context.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../runtime/logger.ts';
import type { GatewayContext } from './context.ts';

export function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors, operationName }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = [
            ...new Set(
              [...(errors ?? []), ...(body?.errors ?? [])].map((e) =>
                String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              ),
            ),
          ];
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              client: contextValue.client,
              subject: contextValue.caller.subject,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              outcome: codes.length === 0 ? 'ok' : body?.data ? 'partial' : 'error',
              errorCodes: codes.length ? codes : undefined,
              status: response.http.status ?? 200,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
