/**
 * Admission: at most `maxConcurrent` requests at work and at most `maxQueued` waiting, in arrival order, each
 * for at most `queueTimeoutMs`; a request beyond them is refused at once rather than queued into seconds of
 * latency that every request behind it would share. Written here rather than taken from a library because it
 * is a counter and a FIFO with a timer; what a refusal looks like is the caller's business.
 */
export interface AdmissionLimits {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly queueTimeoutMs: number;
}

export type Admission =
  | { readonly admitted: true; readonly queued: boolean; release(): void }
  | { readonly admitted: false; readonly reason: 'queue_full' | 'queue_timeout' | 'client_gone' };

interface Waiter {
  admit(): void;
}

export class AdmissionGate {
  private working = 0;
  private readonly waiting = new Set<Waiter>();

  /** `changed`: told the counts after every change (for gauges). */
  constructor(
    private readonly limits: AdmissionLimits,
    private readonly changed: (state: { inFlight: number; queued: number }) => void = () => undefined,
  ) {}

  /** Admits at once, queues, or refuses; `signal` aborts a wait when the client goes away. */
  enter(signal?: AbortSignal): Promise<Admission> {
    if (this.working < this.limits.maxConcurrent) return Promise.resolve(this.admit(false));
    if (this.waiting.size >= this.limits.maxQueued) return Promise.resolve({ admitted: false, reason: 'queue_full' });
    if (signal?.aborted) return Promise.resolve({ admitted: false, reason: 'client_gone' });
    return new Promise((resolve) => {
      const leave = (reason: 'queue_timeout' | 'client_gone') => {
        if (!this.waiting.delete(waiter)) return;
        clearTimeout(timer);
        this.report();
        resolve({ admitted: false, reason });
      };
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', gone);
          resolve(this.admit(true));
        },
      };
      const gone = () => leave('client_gone');
      const timer = setTimeout(() => leave('queue_timeout'), this.limits.queueTimeoutMs);
      signal?.addEventListener('abort', gone, { once: true });
      this.waiting.add(waiter);
      this.report();
    });
  }

  private admit(queued: boolean): Admission {
    this.working++;
    this.report();
    let released = false;
    return {
      admitted: true,
      queued,
      release: () => {
        if (released) return;
        released = true;
        this.working--;
        const next = this.waiting.values().next();
        if (!next.done) {
          this.waiting.delete(next.value);
          next.value.admit();
        } else this.report();
      },
    };
  }

  private report(): void {
    this.changed({ inFlight: this.working, queued: this.waiting.size });
  }
}
