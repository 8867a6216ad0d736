/** The inspection subgraph: SDL schema/inspection.graphql, resolvers over the InspectionPort. */
import { mergeResolvers } from '../common/resolver-map.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import { CountedFigures, DEFAULT_FIGURES_MAX_AGE_MS } from '../common/counted-figures.ts';
import { changedFiguresPublisher } from '../common/figures-events.ts';
import type { PublishLive } from '../../graph/live-events.ts';
import { type Logger, createLogger } from '../../runtime/logger.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type InspectionLoaders, createInspectionLoaders } from './loaders.ts';
import { queryResolvers } from './query.ts';
import { entityResolvers } from './resolvers.ts';

export type { InspectionLoaders } from './loaders.ts';

export interface InspectionSubgraphDeps {
  readonly adapter: InspectionPort;
  /** "Today" for overdue inspections and rectifications, and for equipment ages. */
  readonly clock: Clock;
  /** How long district statistics may be reused before they are counted again; default 60 s, 0 = every request. */
  readonly statisticsMaxAgeMs?: number;
  /** Where a failed background recount of the district figures is reported. */
  readonly logger?: Logger;
  /** Where a recount that changed a district's figures is told (live events); none: not told. */
  readonly publishLive?: PublishLive;
}

export function createInspectionSubgraph(deps: InspectionSubgraphDeps): SubgraphDefinition<InspectionLoaders> {
  const resolvers = mergeResolvers(entityResolvers(deps.clock), queryResolvers(deps.adapter, deps.clock));
  // One GROUP BY over the registry per day judged, reused for the maximum age (seconds at the city scale).
  const statistics = new CountedFigures(
    (day) => deps.adapter.districtStatistics(day),
    deps.statisticsMaxAgeMs ?? DEFAULT_FIGURES_MAX_AGE_MS,
    deps.logger ?? createLogger({ level: 'silent', name: 'inspection' }),
    Date.now,
    'inspection',
    deps.publishLive && changedFiguresPublisher(deps.publishLive, 'inspection'),
  );
  return {
    name: 'inspection',
    resolvers,
    createLoaders: (caller) => createInspectionLoaders(deps.adapter, statistics, caller),
  };
}
