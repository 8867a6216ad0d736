/**
 * A bounded number of calls in flight to one system, with a bounded wait for a turn. The HTTP agent's
 * own queue has no time limit, so a call waiting for one of its sockets used to spend its whole
 * response timeout in that queue: a system that accepts connections and never answers held every
 * caller for the full timeout. Here the wait for a slot has its own bound and ends early when the
 * caller's signal fires; the response timeout starts only once the call is sent. (cockatiel's bulkhead
 * keeps an aborted waiter queued until a slot frees, so it cannot bound the wait.)
 */
export class SlotWaitTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super(`no connection free within ${waitedMs} ms`);
    this.name = 'SlotWaitTimeout';
  }
}

interface Waiter {
  grant(): void;
}

export class CallSlots {
  private busy = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`CallSlots: size must be a whole number >= 1, got ${size}`);
  }

  /** Resolves with the release of a slot; rejects after `maxWaitMs` (SlotWaitTimeout) or when `signal` fires. */
  acquire(maxWaitMs: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.busy < this.size) {
      this.busy++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason as Error);
      };
      const timer = setTimeout(() => {
        leave();
        reject(new SlotWaitTimeout(maxWaitMs));
      }, maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  get inFlight(): number {
    return this.busy;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** A slot passes straight to the next waiter, so `busy` never drops while someone waits. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters[0];
      if (next) next.grant();
      else this.busy--;
    };
  }
}
