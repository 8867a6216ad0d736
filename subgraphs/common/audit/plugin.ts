/**
 * Writes a request's audit record as its answer leaves: one record for all the personal data the request
 * revealed unmasked (personal-data.ts), naming the caller, the caller's operation and each entity's key
 * and fields. The answer waits for the record: a reveal that could not be recorded is not served.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../../runtime/logger.ts';
import type { SubgraphContext } from '../context.ts';
import type { AuditReveal } from './trail.ts';

export function auditPlugin<L>(subgraph: string, logger: Logger): ApolloServerPlugin<SubgraphContext<L>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, response }) {
          const reveals = ctx.reveals?.reveals ?? [];
          if (reveals.length === 0 || !ctx.audit) return;
          const byEntity = new Map<string, { type: string; key: string; fields: string[] }>();
          for (const r of reveals) {
            const id = `${r.type}\u0000${r.key}`;
            const entry = byEntity.get(id) ?? { type: r.type, key: r.key, fields: [] };
            entry.fields.push(r.field);
            byEntity.set(id, entry);
          }
          try {
            await ctx.audit.append({
              at: new Date().toISOString(),
              subject: ctx.caller.subject,
              client: ctx.caller.client ?? null,
              requestId: ctx.requestId,
              operationName: ctx.operation?.name ?? null,
              operationHash: ctx.operation?.hash ?? null,
              subgraph,
              revealed: [...byEntity.values()] satisfies AuditReveal[],
            });
          } catch (error) {
            logger.error({ err: error, requestId: ctx.requestId }, 'audit: a personal-data read could not be recorded');
            // Not recorded, not served: the whole answer is replaced by an error.
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                new GraphQLError('Personal data could not be served: its read could not be recorded', {
                  extensions: { code: 'INTERNAL_SERVER_ERROR' },
                }).toJSON(),
              ];
            }
          }
        },
      };
    },
  };
}
