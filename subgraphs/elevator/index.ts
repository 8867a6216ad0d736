/** The elevator subgraph: SDL schema/elevator.graphql, resolvers over the ElevatorPort. */
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { type ElevatorLoaders, createElevatorLoaders } from './loaders.ts';
import { elevatorResolvers } from './resolvers.ts';
import { DEFAULT_MAINTENANCE_RULES, type MaintenanceRules } from './rules.ts';

export { DEFAULT_MAINTENANCE_RULES, type MaintenanceRules } from './rules.ts';
export type { ElevatorLoaders } from './loaders.ts';

export interface ElevatorSubgraphDeps {
  readonly adapter: ElevatorPort;
  readonly clock: Clock;
  /** Maintenance intervals; default 15 days, 30 for eligible on-demand elevators. */
  readonly rules?: Partial<MaintenanceRules>;
}

export function createElevatorSubgraph(deps: ElevatorSubgraphDeps): SubgraphDefinition<ElevatorLoaders> {
  const rules = { ...DEFAULT_MAINTENANCE_RULES, ...deps.rules };
  for (const [name, days] of Object.entries(rules)) {
    if (!Number.isInteger(days) || days < 1) throw new Error(`createElevatorSubgraph: rules.${name} must be a whole number of days >= 1, got ${days}`);
  }
  return {
    name: 'elevator',
    resolvers: elevatorResolvers({ adapter: deps.adapter, clock: deps.clock, rules }),
    createLoaders: () => createElevatorLoaders(deps.adapter),
  };
}
