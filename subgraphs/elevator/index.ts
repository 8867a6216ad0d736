/** The elevator subgraph: SDL schema/elevator.graphql, resolvers over the ElevatorPort. */
import { mergeResolvers } from '../common/resolver-map.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { type Logger, createLogger } from '../../runtime/logger.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import { AlarmWindow } from './alarm-window.ts';
import { alarmEventPublisher, indexEventPublisher } from './live.ts';
import type { PublishLive } from '../../graph/live-events.ts';
import { rescueResolvers } from './rescue-query.ts';
import type { EligibilityFacts } from './eligibility.ts';
import { type ElevatorLoaders, createElevatorLoaders } from './loaders.ts';
import { queryResolvers } from './query.ts';
import { ElevatorIndex } from './register-index.ts';
import { elevatorResolvers } from './resolvers.ts';
import { DEFAULT_MAINTENANCE_RULES, ELEVATOR_DEFAULTS } from './config.ts';
import type { MaintenanceRules } from './rules.ts';
import type { KeepIndex } from '../common/index-file.ts';

export { ElevatorIndex } from './register-index.ts';
export { AlarmWindow } from './alarm-window.ts';
export { eligibilityFromPorts } from './eligibility.ts';
export type { ElevatorLoaders } from './loaders.ts';

export interface ElevatorSubgraphDeps {
  readonly adapter: ElevatorPort;
  /** The credit class and inspection facts of on-demand eligibility, from the credit and inspection systems. */
  readonly eligibility: EligibilityFacts;
  readonly clock: Clock;
  /** Maintenance intervals; default 15 days, 30 for eligible on-demand elevators. */
  readonly rules?: Partial<MaintenanceRules>;
  /** How old the statistics index may get before it is rebuilt behind the answers; default 5 minutes. */
  readonly indexMaxAgeMs?: number;
  /** Milliseconds between reads of the platform's alarm feed once `alarms.start()` is called; default 5 s. */
  readonly alarmPollMs?: number;
  /** Rescue arrival target for entrapments, in minutes; default 30 (the city's target). */
  readonly rescueTargetMinutes?: number;
  /**
   * Where the alarm feed is read; default the adapter. A process may give it an adapter of its own (embedded/stack.ts).
   */
  readonly alarmFeed?: Pick<ElevatorPort, 'alarmFeed'>;
  readonly logger?: Logger;
  /** Where the live view's alarm and figures events go (the bus); none: the feed's changes are not published. */
  readonly publishLive?: PublishLive;
  /** Keep each index build in the data folder for the next start (none: every start builds it). */
  readonly keepIndex?: KeepIndex;
}

/**
 * The definition, plus the statistics index so a process can warm it at start (`index.refresh()`), and
 * the alarm window the process starts polling (`alarms.start()`) and stops on close (`alarms.stop()`).
 */
export function createElevatorSubgraph(
  deps: ElevatorSubgraphDeps,
): SubgraphDefinition<ElevatorLoaders> & { readonly index: ElevatorIndex; readonly alarms: AlarmWindow } {
  const rules = { ...DEFAULT_MAINTENANCE_RULES, ...deps.rules };
  for (const [name, days] of Object.entries(rules)) {
    if (!Number.isInteger(days) || days < 1)
      throw new Error(`createElevatorSubgraph: rules.${name} must be a whole number of days >= 1, got ${days}`);
  }
  const logger = (deps.logger ?? createLogger({ level: 'silent', name: 'elevator' })).child({
    component: 'elevator-index',
  });
  const index = new ElevatorIndex({
    port: deps.adapter,
    eligibility: deps.eligibility,
    clock: deps.clock,
    rules,
    logger,
    maxAgeMs: deps.indexMaxAgeMs ?? ELEVATOR_DEFAULTS.indexMaxAgeSeconds * 1000,
    onBuilt: deps.publishLive && indexEventPublisher(deps.publishLive),
    keep: deps.keepIndex,
  });
  const rescueTargetMinutes = deps.rescueTargetMinutes ?? ELEVATOR_DEFAULTS.rescueTargetMinutes;
  const alarms = new AlarmWindow({
    port: deps.alarmFeed ?? deps.adapter,
    clock: deps.clock,
    logger: logger.child({ component: 'elevator-alarm-feed' }),
    pollMs: deps.alarmPollMs ?? ELEVATOR_DEFAULTS.alarmPollMs,
    onChanges:
      deps.publishLive && alarmEventPublisher({ index, port: deps.adapter, publish: deps.publishLive, logger }),
  });
  return {
    name: 'elevator',
    index,
    alarms,
    resolvers: mergeResolvers(
      elevatorResolvers({ adapter: deps.adapter, clock: deps.clock, rules }),
      queryResolvers({ adapter: deps.adapter, clock: deps.clock, index, alarms, rescueTargetMinutes }),
      rescueResolvers({ clock: deps.clock, index, alarms, targetMinutes: rescueTargetMinutes }),
    ),
    createLoaders: (caller) =>
      createElevatorLoaders(deps.adapter, deps.eligibility, () => shanghaiDate(deps.clock.now()), caller),
  };
}
