/** The credit subgraph: register data of Enterprise, credit profiles, lists and data freshness. */
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type CreditLoaders, createCreditLoaders } from './loaders.ts';
import { creditResolvers } from './resolvers.ts';

export interface CreditSubgraphDeps {
  readonly adapter: CreditPort;
  /** "Now" for report-year checks: the seed's as-of date in demos and tests. */
  readonly clock: Clock;
}

export function createCreditSubgraph(deps: CreditSubgraphDeps): SubgraphDefinition<CreditLoaders> {
  return {
    name: 'credit',
    resolvers: creditResolvers(deps),
    createLoaders: () => createCreditLoaders(deps.adapter),
  };
}
