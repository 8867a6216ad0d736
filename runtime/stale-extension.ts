/**
 * Writes the request scope's stale notes into the answer as `extensions.stale: [{ system, ageSeconds }]`:
 * a partner can tell which figures came from a last good copy, and how old it is. Subgraphs note what
 * their adapters served from a copy; the gateway notes what its subgraphs reported, so the list
 * reaches the caller through federation.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequestScope } from './request-scope.ts';

export function staleAnswersPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const notes = currentRequestScope()?.staleNotes() ?? [];
          if (notes.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale: notes };
        },
      };
    },
  };
}
