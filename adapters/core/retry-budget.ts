/**
 * A retry budget (as in Finagle and gRPC): over a sliding window, retries may add at most `ratio` of
 * the calls made, plus a small reserve so a quiet system can still retry now and then. When a system
 * is sick every call fails; without a budget each failure would be retried and the sick system would
 * get several times its usual load just when it can least take it. cockatiel has retries and backoff
 * but no budget, so this is ours: one-second buckets in a ring, O(1) per call.
 */
export interface RetryBudgetOptions {
  /** Retries allowed as a share of calls in the window (0.1: at most 10% extra calls). */
  readonly ratio: number;
  /** Retries always allowed per second of window, whatever the traffic. */
  readonly minPerSecond: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

const BUCKET_MS = 1000;

export class RetryBudget {
  private readonly calls: number[];
  private readonly retries: number[];
  private bucket: number;
  private readonly now: () => number;

  constructor(private readonly options: RetryBudgetOptions) {
    if (!(options.ratio >= 0) || !(options.minPerSecond >= 0) || !(options.windowMs >= BUCKET_MS))
      throw new Error(
        `RetryBudget: ratio and minPerSecond must be >= 0 and windowMs >= 1000, got ${JSON.stringify(options)}`,
      );
    const buckets = Math.round(options.windowMs / BUCKET_MS);
    this.calls = new Array<number>(buckets).fill(0);
    this.retries = new Array<number>(buckets).fill(0);
    this.now = options.now ?? Date.now;
    this.bucket = Math.floor(this.now() / BUCKET_MS);
  }

  /** A first attempt was made. */
  recordCall(): void {
    this.calls[this.advance()]! += 1;
  }

  /** Whether one more retry fits in the budget now. */
  canRetry(): boolean {
    this.advance();
    const calls = sum(this.calls);
    const retries = sum(this.retries);
    const reserve = this.options.minPerSecond * this.calls.length;
    return retries + 1 <= reserve + this.options.ratio * calls;
  }

  /** A retry was made. */
  recordRetry(): void {
    this.retries[this.advance()]! += 1;
  }

  /** Moves the ring to the current second, clearing the buckets that fell out of the window. */
  private advance(): number {
    const bucket = Math.floor(this.now() / BUCKET_MS);
    const steps = Math.min(bucket - this.bucket, this.calls.length);
    for (let i = 1; i <= steps; i++) {
      const slot = (this.bucket + i) % this.calls.length;
      this.calls[slot] = 0;
      this.retries[slot] = 0;
    }
    this.bucket = Math.max(this.bucket, bucket);
    return this.bucket % this.calls.length;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
