/**
 * The elevator subgraph over the smart-elevator platform, with eligibility facts from the credit and inspection ports.
 */
import { createElevatorAdapter, type ElevatorAdapter } from '../../adapters/elevator/index.ts';
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { ElevatorConfig } from './config.ts';
import type { EligibilityFacts } from './eligibility.ts';
import type { KeepIndex } from '../common/index-file.ts';
import { type AlarmWindow, type ElevatorIndex, createElevatorSubgraph } from './index.ts';

export interface ElevatorWiring {
  /** Where the platform is and the app credentials to sign with (a fresh secret per embedded start). */
  readonly platform: { readonly url: string; readonly appKey: string; readonly appSecret: string };
  /** Maintainers' credit classes and elevators' latest inspections (按需维保 eligibility). */
  readonly eligibility: EligibilityFacts;
  /** Keep each index build in the data folder for the next start (none: every start builds it). */
  readonly keepIndex?: KeepIndex;
}

/** The platform's adapter as configured, signing with the given app credentials. */
export function openElevatorAdapter(
  config: ElevatorConfig,
  platform: ElevatorWiring['platform'],
  context: BuildContext,
): ElevatorAdapter {
  return createElevatorAdapter({
    ...config.platform,
    ...platform,
    logger: context.logger,
    observers: context.observers,
    guard: context.resilience?.forSystem('elevator'),
  });
}

export function buildElevatorSubgraph(
  config: ElevatorConfig,
  wiring: ElevatorWiring,
  context: BuildContext,
): BuiltSubgraph & { readonly adapter: ElevatorAdapter; readonly index: ElevatorIndex; readonly alarms: AlarmWindow } {
  const adapter = openElevatorAdapter(config, wiring.platform, context);
  // The alarm feed is followed with an adapter of its own: its polls are no request's cost.
  const alarmFeed = openElevatorAdapter(config, wiring.platform, {
    ...context,
    observers: context.backgroundObservers ?? context.observers,
  });
  const subgraph = createElevatorSubgraph({
    adapter,
    eligibility: wiring.eligibility,
    clock: context.clock,
    rules: config.rules,
    indexMaxAgeMs: config.indexMaxAgeMs,
    alarmPollMs: config.alarmPollMs,
    rescueTargetMinutes: config.rescueTargetMinutes,
    alarmFeed,
    logger: context.logger,
    publishLive: context.publishLive,
    keepIndex: wiring.keepIndex,
  });
  return {
    definition: subgraph as SubgraphDefinition<unknown>,
    adapter,
    index: subgraph.index,
    alarms: subgraph.alarms,
    // The index is built (or the kept one restored) and the feed read once before the first answer, so no first
    // request waits for them.
    warmUp: async () => {
      await Promise.all([subgraph.index.warmUp(), subgraph.alarms.poll()]);
      subgraph.alarms.start();
    },
    parts: [
      {
        name: 'elevator alarm feed',
        stop: async () => {
          await subgraph.alarms.stop();
          alarmFeed.close();
          adapter.close();
        },
      },
    ],
  };
}
