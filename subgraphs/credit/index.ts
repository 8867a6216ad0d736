/** The credit subgraph: register data of Enterprise, credit profiles, lists and data freshness. */
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import { CountedFigures, DEFAULT_FIGURES_MAX_AGE_MS } from '../common/counted-figures.ts';
import { changedFiguresPublisher } from '../common/figures-events.ts';
import type { PublishLive } from '../../graph/live-events.ts';
import { type Logger, createLogger } from '../../runtime/logger.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type CreditLoaders, createCreditLoaders } from './loaders.ts';
import { creditResolvers } from './resolvers.ts';

export interface CreditSubgraphDeps {
  readonly adapter: CreditPort;
  /** "Now" for report-year checks: the seed's as-of date in demos and tests. */
  readonly clock: Clock;
  /** How long district credit figures may be reused before they are counted again; default 60 s, 0 = every request. */
  readonly statisticsMaxAgeMs?: number;
  /** Where a failed background recount of the district figures is reported. */
  readonly logger?: Logger;
  /** Where a recount that changed a district's figures is told (live events); none: not told. */
  readonly publishLive?: PublishLive;
}

export function createCreditSubgraph(deps: CreditSubgraphDeps): SubgraphDefinition<CreditLoaders> {
  return {
    name: 'credit',
    // One GROUP BY over the register, reused for the maximum age: dashboards poll the city overview.
    resolvers: creditResolvers({
      ...deps,
      statistics: new CountedFigures(
        () => deps.adapter.riskClassCountsByDistrict(),
        deps.statisticsMaxAgeMs ?? DEFAULT_FIGURES_MAX_AGE_MS,
        deps.logger ?? createLogger({ level: 'silent', name: 'credit' }),
        Date.now,
        'credit',
        deps.publishLive && changedFiguresPublisher(deps.publishLive, 'credit'),
      ),
    }),
    createLoaders: () => createCreditLoaders(deps.adapter),
  };
}
