/**
 * Client-side pacing to a legacy system's documented rate (a token bucket): calls wait their turn
 * instead of being refused. A platform that answers "rate limited" is then the exception (another
 * client on the same key, a burst), handled by the adapter's back-off, and a bulk read of the whole
 * system (an index refresh of 20,000 calls) takes as long as the documented rate allows and no more,
 * without a single refusal. Waiters are served in order.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    /** Calls allowed per second on average. */
    private readonly perSecond: number,
    /** Calls allowed at once after a quiet spell. */
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0) || !(burst >= 1))
      throw new Error(`Pacer: perSecond must be > 0 and burst >= 1, got ${perSecond}, ${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  /**
   * Resolves when the caller may make one call; rejects at once when `signal` fires (the request's
   * deadline passed while it waited). The abandoned turn still takes its token when it comes: the
   * schedule of the callers behind it does not move.
   */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    if (!signal) return turn;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      void turn.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  private async wait(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await this.sleep(((1 - this.tokens) / this.perSecond) * 1000);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
