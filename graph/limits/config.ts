/**
 * The limits on one operation, the same for the gateway (GATEWAY_MAX_*) and a subgraph called directly
 * (SUBGRAPH_MAX_*): each subgraph must accept every fetch the gateway plans for an operation the gateway
 * accepted, so raise both together.
 */
import { type Env, readInt } from '../../runtime/env.ts';

export interface QueryLimits {
  /** Deepest nesting of fields (a root field is depth 1); introspection is bounded on its own. */
  readonly maxDepth: number;
  /** Largest estimated cost (graph/limits/measure.ts: @cost weights, lists multiplied by @listSize). */
  readonly maxCost: number;
  /** Most aliased fields, those of a fragment counted each time it is spread. */
  readonly maxAliases: number;
  /** Most tokens in the document; parsing stops at the first one over. */
  readonly maxTokens: number;
}

export const QUERY_LIMIT_DEFAULTS: QueryLimits = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
  maxTokens: 5_000,
};

export function readQueryLimits(env: Env, process: 'GATEWAY' | 'SUBGRAPH'): QueryLimits {
  const d = QUERY_LIMIT_DEFAULTS;
  return {
    maxDepth: readInt(env, `${process}_MAX_QUERY_DEPTH`, d.maxDepth, { min: 2, max: 100 }),
    maxCost: readInt(env, `${process}_MAX_QUERY_COST`, d.maxCost, { min: 10, max: 10_000_000 }),
    maxAliases: readInt(env, `${process}_MAX_ALIASES`, d.maxAliases, { min: 0, max: 10_000 }),
    maxTokens: readInt(env, `${process}_MAX_TOKENS`, d.maxTokens, { min: 100, max: 1_000_000 }),
  };
}
