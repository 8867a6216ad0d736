/**
 * What crosses between the three threads of the embedded start (runtime/thread-rpc.ts): the calls
 * each offers, and what each worker is started with and tells when it has started. The gateway's
 * thread talks to both workers; the subgraph thread sends the embedded databases' statements to the
 * legacy thread over a channel of their own (databases.ts), never through the gateway's thread.
 * Everything here is plain data, copied by the structured clone of a message.
 */
import type { MessagePort } from 'node:worker_threads';
import type { LegacyCall } from '../adapters/core/calls.ts';
import type { LegacyResilience } from '../adapters/core/guard.ts';
import type { LiveEvent } from '../graph/live-events.ts';
import type { SubgraphName } from '../graph/names.ts';
import type { Env } from '../runtime/env.ts';
import type { MetricFamilies } from '../runtime/metrics.ts';
import type { LegacyAddresses } from './legacy-systems.ts';
import type { IndexName, IndexRefresh } from './subgraphs.ts';

/** How a worker creates its logger: as the gateway's thread's (level and name). */
interface ThreadLog {
  readonly level: string;
  readonly name: string;
}

export interface LegacyThreadData {
  readonly env: Env;
  readonly log: ThreadLog;
  /** The end of the channel the subgraph thread sends the embedded databases' statements on. */
  readonly databasesPort: MessagePort;
}

export interface SubgraphThreadData {
  readonly env: Env;
  readonly log: ThreadLog;
  /** The other end of the legacy thread's databases channel. */
  readonly databasesPort: MessagePort;
  /** Whether the gateway's thread has observers of request-caused legacy calls (tests, benchmarks). */
  readonly observed: boolean;
}

export interface SubgraphsStarted {
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
}

export type BreakerStates = ReturnType<LegacyResilience['states']>;

/** Offered by both workers to the gateway's thread. */
interface WorkerThreadApi {
  [method: string]: (arg: never) => unknown;
  /** The thread's registry's families (its event-loop delay and heap; legacy calls), for the gateway's /metrics. */
  metrics(arg: null): Promise<MetricFamilies>;
  /** Stops every part; the thread then ends by itself. */
  stop(arg: null): Promise<void>;
}

export type LegacyThreadApi = WorkerThreadApi;

export interface SubgraphThreadApi extends WorkerThreadApi {
  refreshIndex(name: IndexName): Promise<IndexRefresh>;
  /** Each legacy system's breaker state, as the subgraphs' guards hold it. */
  breakerStates(arg: null): BreakerStates;
}

/** Offered by the gateway's thread to the subgraph thread. */
export interface GatewayThreadApi {
  [method: string]: (arg: never) => unknown;
  /** One request-caused legacy call, for the observers (a notification). */
  legacyCall(call: LegacyCall): void;
  /** Answered once every call record sent before it has reached the observers. */
  settle(arg: null): void;
  /** Live events of the feeds followed on the subgraph thread, for the gateway's bus (a notification). */
  liveEvents(events: readonly LiveEvent[]): void;
  /**
   * Where the legacy systems are, answered once the legacy thread has started them (or with its error): both
   * workers start at once, so the subgraph thread loads its modules while the stand-ins load.
   */
  legacyStarted(arg: null): Promise<LegacyAddresses>;
}
