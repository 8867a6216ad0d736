/** The permit subgraph: SDL schema/permit.graphql, resolvers over the PermitPort. */
import type { PermitPort } from '../../adapters/permit/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import { mergeResolvers } from '../common/resolver-map.ts';
import { auditQueryResolvers } from '../common/audit/query.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type PermitLoaders, createPermitLoaders } from './loaders.ts';
import { queryResolvers } from './query.ts';
import { permitResolvers } from './resolvers.ts';

export type { PermitLoaders } from './loaders.ts';

export interface PermitSubgraphDeps {
  readonly adapter: PermitPort;
  /** "Today" for expiry windows, days until expiry and certificate validity. */
  readonly clock: Clock;
}

export function createPermitSubgraph(deps: PermitSubgraphDeps): SubgraphDefinition<PermitLoaders> {
  return {
    name: 'permit',
    // The audit trail of every subgraph's personal-data reads is served here, beside the people's register.
    resolvers: mergeResolvers(
      permitResolvers(deps.clock),
      queryResolvers(deps.adapter, deps.clock),
      auditQueryResolvers<PermitLoaders>(),
    ),
    createLoaders: () => createPermitLoaders(deps.adapter),
  };
}
