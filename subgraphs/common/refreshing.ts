/**
 * A value rebuilt periodically and served stale while the next build runs (stale-while-revalidate):
 * the first caller waits for the first build; later callers get the current value at once, and a value
 * older than maxAgeMs starts one background rebuild. Concurrent callers share one build; a failed
 * rebuild is logged and the previous value stays in service.
 */
import type { Logger } from '../../runtime/logger.ts';

export interface RefreshingOptions<T> {
  readonly build: () => Promise<T>;
  /** When the value was built (real time), to judge its age. */
  readonly builtAt: (value: T) => Date;
  readonly maxAgeMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class Refreshing<T> {
  private value: T | undefined;
  private building: Promise<T> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RefreshingOptions<T>) {
    if (!(options.maxAgeMs > 0)) throw new Error(`Refreshing: maxAgeMs must be > 0, got ${options.maxAgeMs}`);
    this.now = options.now ?? Date.now;
  }

  async current(): Promise<T> {
    const value = this.value;
    if (value === undefined) return this.refresh();
    if (this.now() - this.options.builtAt(value).getTime() > this.options.maxAgeMs) {
      this.refresh().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'refresh failed; serving the previous value'),
      );
    }
    return value;
  }

  refresh(): Promise<T> {
    this.building ??= this.options.build().then(
      (value) => {
        this.value = value;
        this.building = undefined;
        return value;
      },
      (error: unknown) => {
        this.building = undefined;
        throw error;
      },
    );
    return this.building;
  }
}
