/**
 * What a process needs to run one subgraph, made by that subgraph's builder (`subgraphs/<name>/build.ts`)
 * from its configuration and the ports it reads: the embedded start and `npm run start:subgraph` call
 * the same builder, so a subgraph is wired in one place.
 */
import type { CallObserver } from '../../adapters/core/calls.ts';
import type { LegacyResilience } from '../../adapters/core/guard.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Stoppable } from '../../runtime/lifecycle.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import type { SubgraphDefinition } from './server.ts';
import type { PublishLive } from '../../graph/live-events.ts';

export interface BuildContext {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Observers of every legacy call that requests cause (counting, metrics). */
  readonly observers: readonly CallObserver[];
  /**
   * Observers of background calls no request pays for (feeds followed by a poller); default `observers`.
   * A test counting one request's calls leaves its recorder out of these.
   */
  readonly backgroundObservers?: readonly CallObserver[];
  /** The process's registry, for figures a subgraph keeps besides legacy calls (held credit files); none in tests. */
  readonly metrics?: Metrics;
  /** The process's guard of each legacy system (breaker, retry budget); default a guard per adapter. */
  readonly resilience?: LegacyResilience;
  /** Where live events go (alarm changes, recounted district figures): the gateways' bus; none: not published. */
  readonly publishLive?: PublishLive;
}

export interface BuiltSubgraph {
  // SubgraphDefinition is generic in its loaders; a process only hands it to the server.
  readonly definition: SubgraphDefinition<unknown>;
  /** Work done once before the subgraph is served (ingestion, index builds), then background work started. */
  warmUp(): Promise<void>;
  /** What the builder opened and started, in start order (stopped in reverse). */
  readonly parts: readonly Stoppable[];
}
