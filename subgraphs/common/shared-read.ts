/**
 * One whole read of a paged legacy list, shared by the indexes that refresh from it: the elevator index
 * and the supervision index both need every elevator on the platform (3,047 pages at city scale, 17 s at
 * the platform's 180 calls/s each time). Each consumer gets a read once: asking while a read runs, or
 * within `shareMs` after it ended, it gets that read unless it had it already; otherwise a new read
 * starts. Indexes refreshing together (as at start-up) so read each page once for all of them, and a
 * consumer's next refresh never gets data it has already seen. A finished read is let go after `shareMs`
 * (the consumers keep what they built of it); a failed one at once, so the next refresh reads again.
 */
export interface SharedResult<T> {
  readonly items: readonly T[];
  /** Records the system sent malformed, left out (each consumer counts them in its own build). */
  readonly skipped: number;
}

export interface SharedReadOptions<T> {
  /** Reads the whole list, counting each malformed record left out through `skip`. */
  readonly read: (skip: () => void) => Promise<T[]>;
  /** How long after a read ended another consumer may still take it. */
  readonly shareMs: number;
  readonly now?: () => number;
}

interface Read<T> {
  readonly result: Promise<SharedResult<T>>;
  readonly takenBy: Set<string>;
  endedAt: number | undefined;
}

export class SharedRead<T> {
  private latest: Read<T> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SharedReadOptions<T>) {
    if (!(options.shareMs >= 0)) throw new Error(`SharedRead: shareMs must be >= 0, got ${options.shareMs}`);
    this.now = options.now ?? Date.now;
  }

  /** The whole list for `consumer` (a name of its own, e.g. the index's). */
  take(consumer: string): Promise<SharedResult<T>> {
    const latest = this.latest;
    const shareable =
      latest !== undefined &&
      !latest.takenBy.has(consumer) &&
      (latest.endedAt === undefined || this.now() - latest.endedAt <= this.options.shareMs);
    if (shareable) {
      latest.takenBy.add(consumer);
      return latest.result;
    }
    return this.start(consumer);
  }

  private start(consumer: string): Promise<SharedResult<T>> {
    let skipped = 0;
    const read: Read<T> = {
      takenBy: new Set([consumer]),
      endedAt: undefined,
      result: this.options
        .read(() => void skipped++)
        .then(
          (items) => {
            read.endedAt = this.now();
            setTimeout(() => this.release(read), this.options.shareMs).unref();
            return { items, skipped };
          },
          (error: unknown) => {
            this.release(read);
            throw error;
          },
        ),
    };
    this.latest = read;
    return read.result;
  }

  private release(read: Read<T>): void {
    if (this.latest === read) this.latest = undefined;
  }
}
