/**
 * What crosses between the gateway's thread and the subgraph thread of the embedded start: the calls
 * each side offers the other (runtime/thread-rpc.ts), and what the subgraph thread is started with.
 * Everything here is plain data, copied by the structured clone of a message.
 */
import type { LegacyCall } from '../adapters/core/calls.ts';
import type { SubgraphName } from '../graph/names.ts';
import type { Env } from '../runtime/env.ts';
import type { MetricFamilies } from '../runtime/metrics.ts';
import type { IndexName, IndexRefresh } from './backend.ts';
import type { SeededFolder } from './seed-data.ts';

export interface SubgraphThreadData {
  readonly env: Env;
  readonly log: { readonly level: string; readonly name: string };
  /** Whether the gateway's thread has observers of request-caused legacy calls (tests, benchmarks). */
  readonly observed: boolean;
}

/** Told once, when the subgraphs listen (or when starting them failed). */
export type Started =
  | {
      readonly ok: true;
      readonly threadId: number;
      readonly seeded: SeededFolder;
      readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
    }
  | { readonly ok: false; readonly message: string };

/** Offered by the subgraph thread. */
export interface SubgraphThreadApi {
  [method: string]: (arg: never) => unknown;
  /** Its registry's families (legacy calls, its event-loop delay and heap), for the gateway's /metrics. */
  metrics(arg: null): Promise<MetricFamilies>;
  refreshIndex(name: IndexName): Promise<IndexRefresh>;
  /** Stops every part; the thread then ends by itself. */
  stop(arg: null): Promise<void>;
}

/** Offered by the gateway's thread. */
export interface GatewayThreadApi {
  [method: string]: (arg: never) => unknown;
  started(arg: Started): void;
  /** One request-caused legacy call, for the observers (a notification). */
  legacyCall(call: LegacyCall): void;
  /** Answered once every call record sent before it has reached the observers. */
  settle(arg: null): void;
}
