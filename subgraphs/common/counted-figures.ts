/**
 * Figures counted where the data lives (a GROUP BY over a whole register) are cheap at demo size and
 * take seconds at city size. Dashboards poll them, so a subgraph keeps the last count and reuses it
 * for a stated maximum age: a maintained aggregate whose answer says when it was counted. Past that
 * age the old figures are still served while one recount runs behind them (stale-while-revalidate),
 * so no dashboard request waits for a city-wide count once the first one is done. A new key (another
 * day to judge "overdue" against) is counted before answering. One count per key is in flight at a
 * time, shared by concurrent requests; a failed count is not kept, so the next request tries again.
 */
export interface Counted<T> {
  readonly computedAt: Date;
  readonly value: T;
}

export class CountedFigures<T> {
  private current: { key: string; counted: Counted<T> } | undefined;
  private inFlight: { key: string; promise: Promise<Counted<T>> } | undefined;

  constructor(
    /** Counts the figures for a key (e.g. the day "overdue" is judged against). */
    private readonly count: (key: string) => Promise<T>,
    /** How long a count is served without recounting; 0 counts afresh on every request. */
    private readonly maxAgeMs: number,
    /** Real time (never the domain clock, which the embedded start pins to the seed's day). */
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxAgeMs >= 0)) throw new Error(`CountedFigures: maxAgeMs must be >= 0, got ${maxAgeMs}`);
  }

  /** The figures for `key`: the last count while younger than the maximum age, else (for the same key) the last count while a recount runs. */
  get(key: string): Promise<Counted<T>> {
    const current = this.current?.key === key ? this.current.counted : undefined;
    if (current && this.now() - current.computedAt.getTime() < this.maxAgeMs) return Promise.resolve(current);
    const recount = this.recount(key);
    if (!current || this.maxAgeMs === 0) return recount;
    recount.catch(() => undefined); // a failed background recount keeps the old figures; the next request retries
    return Promise.resolve(current);
  }

  private recount(key: string): Promise<Counted<T>> {
    if (this.inFlight?.key === key) return this.inFlight.promise;
    const computedAt = new Date(this.now());
    const promise = this.count(key).then((value) => {
      const counted = { computedAt, value };
      if (!this.current || this.current.key !== key || this.current.counted.computedAt <= computedAt) this.current = { key, counted };
      return counted;
    });
    const flight = { key, promise };
    this.inFlight = flight;
    const settle = () => {
      if (this.inFlight === flight) this.inFlight = undefined;
    };
    promise.then(settle, settle);
    return promise;
  }
}
