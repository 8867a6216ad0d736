/**
 * The supervision subgraph (监管研判): SDL schema/supervision.graphql; cross-system questions answered
 * from one index built through the four systems' ports (see README.md beside this file).
 */
import type { Clock } from '../../runtime/clock.ts';
import { type Logger, createLogger } from '../../runtime/logger.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { SUPERVISION_DEFAULTS } from './config.ts';
import { SupervisionIndex } from './cross-index.ts';
import { supervisionResolvers } from './resolvers.ts';
import type { SupervisionPorts } from './sources.ts';
import type { PlatformElevators } from '../common/platform-elevators.ts';
import type { KeepIndex } from '../common/index-file.ts';

export { SupervisionIndex } from './cross-index.ts';
export type { SupervisionPorts } from './sources.ts';

export interface SupervisionSubgraphDeps {
  readonly ports: SupervisionPorts;
  readonly clock: Clock;
  /** Days of maintenance work in the index; default 60. */
  readonly windowDays?: number;
  /** Default of certificateLending's dailyElevatorLimit; default 12. */
  readonly dailyElevatorLimit?: number;
  /** How old the index may get before it is rebuilt behind the answers; default 10 minutes. */
  readonly indexMaxAgeMs?: number;
  readonly logger?: Logger;
  /** The platform's elevators read once for this index and the elevator index of the same process. */
  readonly platformElevators?: PlatformElevators;
  /** Keep each index build in the data folder for the next start (none: every start builds it). */
  readonly keepIndex?: KeepIndex;
}

/** The definition, plus the index so a process can build it before it opens (`index.refresh()`). */
export function createSupervisionSubgraph(
  deps: SupervisionSubgraphDeps,
): SubgraphDefinition<Record<string, never>> & { readonly index: SupervisionIndex } {
  const dailyElevatorLimit = deps.dailyElevatorLimit ?? SUPERVISION_DEFAULTS.dailyElevatorLimit;
  if (!Number.isInteger(dailyElevatorLimit) || dailyElevatorLimit < 1)
    throw new Error(
      `createSupervisionSubgraph: dailyElevatorLimit must be a whole number >= 1, got ${dailyElevatorLimit}`,
    );
  const logger = (deps.logger ?? createLogger({ level: 'silent', name: 'supervision' })).child({
    component: 'supervision-index',
  });
  const index = new SupervisionIndex({
    ports: deps.ports,
    clock: deps.clock,
    logger,
    windowDays: deps.windowDays ?? SUPERVISION_DEFAULTS.windowDays,
    maxAgeMs: deps.indexMaxAgeMs ?? SUPERVISION_DEFAULTS.indexMaxAgeSeconds * 1000,
    platformElevators: deps.platformElevators,
    keep: deps.keepIndex,
  });
  return {
    name: 'supervision',
    index,
    resolvers: supervisionResolvers(index, { dailyElevatorLimit }),
    // Every answer comes from the shared index: nothing to batch per request.
    createLoaders: () => ({}),
  };
}
