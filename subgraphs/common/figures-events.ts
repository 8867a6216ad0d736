/**
 * Live "figures changed" events for figures a subgraph counts per district (counted-figures.ts): after
 * each recount, one event for each district whose figures differ from the previous count, so a
 * dashboard refreshes only what changed. The first count is what every dashboard already reads, not news.
 */
import type { LiveEvent, PublishLive } from '../../graph/live-events.ts';
import type { Counted } from './counted-figures.ts';

export function changedFiguresPublisher<V>(
  publish: PublishLive,
  system: string,
): (counted: Counted<ReadonlyMap<string, V>>) => void {
  let previous: ReadonlyMap<string, string> | undefined;
  return ({ computedAt, value }) => {
    const current = new Map([...value].map(([district, figures]) => [district, JSON.stringify(figures)]));
    const before = previous;
    previous = current;
    if (before === undefined) return;
    const at = computedAt.toISOString();
    const publishedAt = Date.now();
    const events: LiveEvent[] = [...current]
      .filter(([district, figures]) => before.get(district) !== figures)
      .map(([district]) => ({
        type: 'figures',
        id: `figures:${district}:${system}:${at}`,
        district,
        systems: [system],
        at,
        publishedAt,
      }));
    if (events.length > 0) publish(events);
  };
}
