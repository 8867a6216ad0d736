/**
 * Figures counted where the data lives (a GROUP BY over a whole register) are cheap at demo size and
 * take seconds at city size. Dashboards poll them, so a subgraph keeps the last count and reuses it
 * for a stated maximum age: a maintained aggregate whose answer says when it was counted. Past that
 * age the last figures are served while one recount runs behind them (stale-while-revalidate, the
 * indexes' Refreshing), so no dashboard request waits for a city-wide count once the first is done. A
 * new key (another day to judge "overdue" against) is counted before answering; maximum age 0 counts
 * on every request (for measuring).
 */
import type { Logger } from '../../runtime/logger.ts';
import { Refreshing } from './refreshing.ts';

export interface Counted<T> {
  readonly computedAt: Date;
  readonly value: T;
}

/** How long district figures are reused before they are counted again, where no configuration says otherwise. */
export const DEFAULT_FIGURES_MAX_AGE_MS = 60_000;

export class CountedFigures<T> {
  private current: { key: string; figures: Refreshing<Counted<T>> } | undefined;

  constructor(
    /** Counts the figures for a key (e.g. the day "overdue" is judged against). */
    private readonly count: (key: string) => Promise<T>,
    /** How long a count is served without recounting; 0 counts afresh on every request. */
    private readonly maxAgeMs: number,
    private readonly logger: Logger,
    /** Real time (never the domain clock, which the embedded start pins to the seed's day). */
    private readonly now: () => number = Date.now,
    /** The system named in `extensions.stale` while old figures are served because recounts fail. */
    private readonly source?: string,
    /** Told each count once it is done (the live view's "figures changed" events). */
    private readonly onCounted?: (counted: Counted<T>) => void,
  ) {
    if (!(maxAgeMs >= 0)) throw new Error(`CountedFigures: maxAgeMs must be >= 0, got ${maxAgeMs}`);
  }

  /** The figures for `key`, reused within the maximum age and served stale while a recount runs. */
  get(key: string): Promise<Counted<T>> {
    if (this.maxAgeMs === 0) return this.countNow(key);
    if (this.current?.key !== key) {
      const figures = new Refreshing({
        build: () => this.countNow(key),
        builtAt: (c) => c.computedAt,
        maxAgeMs: this.maxAgeMs,
        logger: this.logger,
        now: this.now,
        source: this.source,
      });
      this.current = { key, figures };
    }
    return this.current.figures.current();
  }

  private async countNow(key: string): Promise<Counted<T>> {
    const computedAt = new Date(this.now());
    const counted = { computedAt, value: await this.count(key) };
    this.onCounted?.(counted);
    return counted;
  }
}
