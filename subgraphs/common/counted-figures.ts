/**
 * Figures counted where the data lives (a GROUP BY over a whole register) are cheap at demo size and
 * take seconds at city size. Dashboards poll them, so a subgraph keeps the last count for a stated
 * maximum age (a maintained aggregate whose answer says when it was counted) instead of counting once
 * per request. One count per key is in flight at a time, shared by concurrent requests; a failed
 * count is not kept, so the next request tries again.
 */
import type { Clock } from '../../runtime/clock.ts';

export interface Counted<T> {
  readonly computedAt: Date;
  readonly value: T;
}

export class CountedFigures<T> {
  private entry: { key: string; computedAt: Date; value: Promise<Counted<T>> } | undefined;

  constructor(
    /** Counts the figures for a key (e.g. the day "overdue" is judged against). */
    private readonly count: (key: string) => Promise<T>,
    private readonly clock: Clock,
    /** 0 counts afresh on every request. */
    private readonly maxAgeMs: number,
  ) {
    if (!(maxAgeMs >= 0)) throw new Error(`CountedFigures: maxAgeMs must be >= 0, got ${maxAgeMs}`);
  }

  /** The figures for `key`, reused while younger than the maximum age; a new key replaces the old one. */
  get(key: string): Promise<Counted<T>> {
    const now = this.clock.now();
    const current = this.entry;
    if (current && current.key === key && now.getTime() - current.computedAt.getTime() < this.maxAgeMs) return current.value;
    const value = this.count(key).then((figures) => ({ computedAt: now, value: figures }));
    const entry = { key, computedAt: now, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}
