/**
 * The shape of a subgraph's resolvers, declared here because @apollo/subgraph exports its own type
 * only from dist/ files. Parent and argument types are written (and checked) at each resolver; the map
 * only requires the context, so any resolver of this subgraph's context fits.
 */
import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';

type FieldResolver<TContext> = (parent: never, args: never, context: TContext, info: GraphQLResolveInfo) => unknown;

export interface ResolverMap<TContext> {
  [typeName: string]:
    | {
        [fieldName: string]:
          FieldResolver<TContext> | { resolve: FieldResolver<TContext> } | { subscribe: FieldResolver<TContext> };
      }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}

/** Merges resolver maps type by type (two files of one subgraph may both add fields to Enterprise). */
export function mergeResolvers<TContext>(...maps: readonly ResolverMap<TContext>[]): ResolverMap<TContext> {
  const merged: Record<string, object> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as ResolverMap<TContext>;
}
