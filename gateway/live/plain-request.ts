/**
 * A subscription posted as an ordinary request reaches Apollo Gateway, which cannot execute it (its
 * planner fails, masked as a 500). Refused before planning instead, saying where subscriptions are served.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export function subscriptionsElsewherePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served on this path over WebSocket (graphql-ws) or Server-Sent Events (accept: text/event-stream), not as a plain request',
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
