/**
 * A recount invalidates what it feeds: each `figures` live event (an index rebuilt, inspection figures
 * or a credit file recounted; graph/live-events.ts) names the systems recounted, and the answers whose
 * data came from those systems' subgraphs are no longer served. Two parts:
 * - the store's generations (store.ts) advance for each system named, so an answer stored before the
 *   event is refused on every replica (with Redis the generations are shared);
 * - this process remembers when it last heard of each system, so an answer computed from a fetch sent
 *   before that moment (the event arrived while it was being computed, or its fetch joined one in
 *   flight since before the event) is not stored at all. Its generations, read before the computation
 *   began, would not tell: a fetch it joined may predate them.
 * Each gateway hears every event (the bus reaches every process), so each does both.
 */
import { isLiveEvent } from '../../graph/live-events.ts';
import type { Bus } from '../../runtime/bus/bus.ts';
import type { AnswerStore } from './store.ts';

export interface Invalidations {
  /** Whether a system was recounted since any of these fetches (subgraph → epoch ms sent) was sent. */
  recountedSince(fetched: ReadonlyMap<string, number>): boolean;
  stop(): void;
}

export function followInvalidations(bus: Bus, store: AnswerStore, now: () => number = Date.now): Invalidations {
  const heardAt = new Map<string, number>();
  const unsubscribe = bus.subscribe((message) => {
    if (!isLiveEvent(message) || message.type !== 'figures') return;
    const systems = message.systems.filter((system): system is string => typeof system === 'string');
    const at = now();
    for (const system of systems) heardAt.set(system, at);
    // The store warns when it cannot advance; the answers then expire with their freshness.
    void store.advance(systems);
  });
  return {
    recountedSince(fetched) {
      for (const [subgraph, sentAt] of fetched) if ((heardAt.get(subgraph) ?? -Infinity) >= sentAt) return true;
      return false;
    },
    stop: unsubscribe,
  };
}
