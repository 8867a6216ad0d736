/**
 * The response cache: whole answers, served again to callers with the same rights asking the same
 * operation with the same variables. It runs after the operation is resolved (limits, safelist and
 * scopes checked for this caller, ../callers, ../scopes) and before it is executed, so a cached answer
 * makes no subgraph fetch and no legacy call. Kept only: queries; answers without errors and without
 * stale copies in them; callers who may not read personal data (their answers have it masked; a caller
 * who may read it is never cached, neither served nor stored). Each answer lives until its data's
 * freshness ends (freshness.ts; figures already due: 2 s) and at most the configured maximum age, stated to the client with
 * `Cache-Control: private, max-age=N` and `Age`; anything not kept is `Cache-Control: no-store`.
 * A recount of a system invalidates the answers its subgraph fed (invalidation.ts): each answer is
 * stored with the subgraphs its fetches went to and their generations, and served only while those
 * are current; one computed from data read before a recount this gateway has heard of is not stored.
 */
import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { mayReadPersonalData } from '../../graph/caller.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import { currentRequestScope } from '../../runtime/request-scope.ts';
import { callerRightsKey } from '../caller-rights.ts';
import type { GatewayContext } from '../context.ts';
import { answerExpiry } from './freshness.ts';
import type { Invalidations } from './invalidation.ts';
import { type AnswerStore, type CachedAnswer, type Generations, stillCurrent } from './store.ts';

export interface ResponseCacheOptions {
  readonly store: AnswerStore;
  readonly invalidations: Invalidations;
  readonly maxAgeMs: number;
  readonly metrics: Metrics;
  readonly now?: () => number;
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const { store, invalidations, maxAgeMs } = options;
  const now = options.now ?? Date.now;
  const answers = options.metrics.counter(
    'equipment_graph_response_cache_total',
    'GraphQL answers by response cache outcome: hit, miss (computed, then stored or not), invalidated (computed: the entry found was fed by a system recounted since), bypass (never cached for this caller or operation).',
    ['outcome'],
  );
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit: CachedAnswer | undefined;
      let generations: Generations = {};
      return {
        async responseForOperation({ operation, source, request, contextValue }) {
          if (operation?.operation !== 'query' || mayReadPersonalData(contextValue.caller)) {
            answers.inc({ outcome: 'bypass' });
            return null;
          }
          key = createHash('sha256')
            .update(
              JSON.stringify([
                source,
                request.operationName ?? null,
                request.variables ?? {},
                callerRightsKey(contextValue.caller),
              ]),
            )
            .digest('base64url');
          const found = await store.lookup(key);
          generations = found.generations;
          hit = found.answer && stillCurrent(found.answer, generations) ? found.answer : undefined;
          answers.inc({ outcome: hit ? 'hit' : found.answer ? 'invalidated' : 'miss' });
          if (!hit) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(hit.data) as Record<string, unknown> } },
          };
        },
        async willSendResponse({ response }) {
          const headers = response.http.headers;
          const at = now();
          if (hit) {
            headers.set('cache-control', `private, max-age=${Math.max(0, Math.floor((hit.expiresAt - at) / 1000))}`);
            headers.set('age', String(Math.max(0, Math.floor((at - hit.storedAt) / 1000))));
            return;
          }
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const expiresAt = result?.data ? answerExpiry(result.data, at, maxAgeMs) : at;
          const scope = currentRequestScope();
          const fetched = scope?.fetchedFrom() ?? new Map<string, number>();
          const keep =
            key !== undefined &&
            result?.data &&
            !result.errors &&
            (scope?.staleNotes().length ?? 0) === 0 &&
            expiresAt > at &&
            !invalidations.recountedSince(fetched);
          if (!keep) {
            headers.set('cache-control', 'no-store');
            return;
          }
          // Stored behind the answer: the client does not wait on Redis.
          // At the generations read before the computation began: a recount since then makes it stale.
          const fedBy = Object.fromEntries(
            [...fetched.keys()].map((subgraph) => [subgraph, generations[subgraph] ?? 0]),
          );
          void store.set(key!, { data: JSON.stringify(result.data), storedAt: at, expiresAt, fedBy });
          headers.set('cache-control', `private, max-age=${Math.floor((expiresAt - at) / 1000)}`);
          headers.set('age', '0');
        },
      };
    },
  };
}
