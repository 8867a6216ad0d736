/**
 * Scopes on fields, enforced in one place: Apollo Gateway wrapped so that its executor plans the
 * operation without the fields the caller may not read (strip.ts), under a plan-cache key that says
 * which scopes were refused (so one caller's plan never serves another's), and the answer gets a null
 * and a FORBIDDEN error in their place (refill.ts). Callers holding every scope the policy names, and
 * operations asking for no scoped field, go straight through.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Scope } from '../../graph/caller.ts';
import type { GatewayContext } from '../context.ts';
import type { ScopePolicy } from './policy.ts';
import { refill } from './refill.ts';
import { stripForbidden } from './strip.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];
type LoadResult = Awaited<ReturnType<GatewayInterface['load']>>;
type Executor = NonNullable<LoadResult['executor']>;
type ExecutorContext = Parameters<Executor>[0];

export function scopedGateway(inner: GatewayInterface, policy: ScopePolicy): GatewayInterface {
  const scoped: readonly Scope[] = [...new Set(policy.values())];
  let schema: GraphQLSchema | undefined;
  const unsubscribe = inner.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schema = apiSchema;
  });
  return {
    onSchemaLoadOrUpdate: (callback) => inner.onSchemaLoadOrUpdate(callback),
    async load(options) {
      const loaded = await inner.load(options);
      const executor = loaded.executor;
      if (!executor) return loaded;
      return {
        ...loaded,
        executor: async (requestContext: ExecutorContext) => {
          const { caller } = requestContext.context as GatewayContext;
          if (!schema || scoped.every((s) => caller.scopes.has(s))) return executor(requestContext);
          const stripped = stripForbidden(
            schema,
            requestContext.document,
            requestContext.request.operationName,
            policy,
            caller.scopes,
          );
          if (!stripped) return executor(requestContext);
          const queryHash = createHash('sha256')
            .update(requestContext.queryHash)
            .update(`\0refused:${stripped.refusedScopes.join(',')}`)
            .digest('hex');
          // The executor reads the document and its plan-cache key from the context; everything else
          // (request, metrics, cache policy) stays the request's own.
          const narrowed = Object.create(requestContext, {
            document: { value: stripped.document },
            queryHash: { value: queryHash },
          }) as ExecutorContext;
          const result = await executor(narrowed);
          const refusals = refill(result.data, stripped.marks, requestContext.request.variables ?? {});
          return { ...result, errors: [...(result.errors ?? []), ...refusals] };
        },
      };
    },
    async stop() {
      unsubscribe();
      await inner.stop();
    },
  };
}
