/**
 * A value rebuilt periodically and served stale while the next build runs (stale-while-revalidate):
 * the first caller waits for the first build; later callers get the current value at once, and a value
 * older than maxAgeMs starts one background rebuild. Concurrent callers share one build; a failed
 * rebuild is logged and the previous value stays in service, and while it does the requests it serves
 * note it as stale (`extensions.stale`, named by `source`). A build is shared by every request, so it
 * runs outside the scope of the request that happened to start it: one caller's deadline or
 * disconnection must not fail it for all. With a `file`, each build is kept in the data folder and a
 * start serves the kept one at once (its `builtAt` as it was, so answers state its true age), rebuilding
 * behind the first answer it gives when it is past its age. Writing a city's index holds the loop for
 * seconds (serialising hundreds of MB), so only the first build of a start and then one build per
 * KEEP_EVERY_MS are kept: a restart serves an index at most that much older than the last build, and
 * rebuilds behind it.
 */
import type { Logger } from '../../runtime/logger.ts';
import type { IndexFile } from './index-file.ts';
import { currentRequestScope, outsideRequestScope } from '../../runtime/request-scope.ts';

/** How often a build is kept at most, after the first of a start. */
export const KEEP_EVERY_MS = 60 * 60_000;

export interface RefreshingOptions<T> {
  readonly build: () => Promise<T>;
  /** When the value was built (real time), to judge its age. */
  readonly builtAt: (value: T) => Date;
  readonly maxAgeMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Named in `extensions.stale` while a value past its age is served because rebuilds fail. */
  readonly source?: string;
  /** Where each build is kept for the next start, and whether a kept value may still be served. */
  readonly file?: { readonly store: IndexFile<T>; readonly servable: (value: T) => boolean };
}

export class Refreshing<T> {
  private value: T | undefined;
  private building: Promise<T> | undefined;
  private lastBuildFailed = false;
  /** When a build was last kept by this start (real time). */
  private keptAt: number | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RefreshingOptions<T>) {
    if (!(options.maxAgeMs > 0)) throw new Error(`Refreshing: maxAgeMs must be > 0, got ${options.maxAgeMs}`);
    this.now = options.now ?? Date.now;
  }

  async current(): Promise<T> {
    const value = this.value;
    if (value === undefined) return this.refresh();
    const age = this.now() - this.options.builtAt(value).getTime();
    if (age > this.options.maxAgeMs) {
      if (this.lastBuildFailed && this.options.source)
        currentRequestScope()?.noteStale(this.options.source, age / 1000);
      this.refresh().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'refresh failed; serving the previous value'),
      );
    }
    return value;
  }

  /**
   * Ready to serve: the value kept by an earlier start when there is one to serve, else a first build awaited.
   * A kept value past its age is rebuilt behind the first answer that serves it (current()), not here: a
   * rebuild started during the start reads the platform while the other index is still being restored and
   * the stand-ins are busy, and on two cores it held a city's start back by about 20 s.
   */
  async warmUp(): Promise<void> {
    const kept = await this.options.file?.store.read();
    if (kept === undefined || !this.options.file!.servable(kept)) {
      if (kept !== undefined) this.options.logger.info('kept index is of another day: building the index');
      await this.refresh();
      return;
    }
    this.value ??= kept;
    this.options.logger.info({ builtAt: this.options.builtAt(kept) }, 'serving the kept index');
  }

  refresh(): Promise<T> {
    this.building ??= outsideRequestScope(() => this.options.build()).then(
      (value) => {
        this.value = value;
        this.building = undefined;
        this.lastBuildFailed = false;
        this.keep(value);
        return value;
      },
      (error: unknown) => {
        this.building = undefined;
        this.lastBuildFailed = true;
        throw error;
      },
    );
    return this.building;
  }

  /** Writes a new build to its file in the background; a failure is logged, the build is served anyway. */
  private keep(value: T): void {
    const store = this.options.file?.store;
    if (!store) return;
    if (this.keptAt !== undefined && this.now() - this.keptAt < KEEP_EVERY_MS) return;
    this.keptAt = this.now();
    // After the answers waiting for this build have gone (serialising a city's index holds the loop a moment).
    const started = this.now();
    setImmediate(() => void this.write(store, value, started));
  }

  private write(store: IndexFile<T>, value: T, started: number): Promise<void> {
    return store.write(value).then(
      () => this.options.logger.info({ ms: this.now() - started }, 'index kept for the next start'),
      (error: unknown) => this.options.logger.warn({ err: error }, 'index not kept for the next start'),
    );
  }
}
