/** The inspection subgraph: SDL schema/inspection.graphql, resolvers over the InspectionPort. */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { SubgraphContext } from '../common/context.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type InspectionLoaders, createInspectionLoaders } from './loaders.ts';
import { queryResolvers } from './query.ts';
import { entityResolvers } from './resolvers.ts';

export type { InspectionLoaders } from './loaders.ts';

export interface InspectionSubgraphDeps {
  readonly adapter: InspectionPort;
  /** "Today" for overdue inspections and rectifications, and for equipment ages. */
  readonly clock: Clock;
}

export function createInspectionSubgraph(deps: InspectionSubgraphDeps): SubgraphDefinition<InspectionLoaders> {
  const resolvers: GraphQLResolverMap<SubgraphContext<InspectionLoaders>> = {
    ...entityResolvers(deps.clock),
    ...queryResolvers(deps.adapter, deps.clock),
  };
  return { name: 'inspection', resolvers, createLoaders: () => createInspectionLoaders(deps.adapter) };
}
