/**
 * Identical subgraph fetches in flight at once are sent once: dashboards polling the same operation
 * make the same fetches at the same moment. Keyed by the subgraph, the caller's rights
 * (caller-rights.ts: the signed header carries the caller, and subgraphs answer by it) and the body;
 * queries only (the caller decides). Every waiter gets the answer's text and parses it itself, so no
 * two requests share mutable objects. The shared fetch is not bound to the first request's client:
 * one client going away does not fail the others (each waiter still stops at its own scope's end).
 * A waiter learns when the fetch it joined was sent: its answer is as old as that (the response cache
 * stores no answer computed from a fetch sent before its data was recounted, ../cache/invalidation.ts).
 */
export class InFlight<T> {
  private readonly pending = new Map<string, { readonly answer: Promise<T>; readonly sentAt: number }>();

  /**
   * `send` runs only when no fetch under `key` is in flight; `onShared` is told of each waiter that
   * joined one, with the epoch ms that one was sent at.
   */
  run(
    key: string,
    send: () => Promise<T>,
    signal: AbortSignal | undefined,
    onShared: (sentAt: number) => void,
  ): Promise<T> {
    let shared = this.pending.get(key);
    if (shared) onShared(shared.sentAt);
    else {
      shared = { sentAt: Date.now(), answer: send().finally(() => this.pending.delete(key)) };
      this.pending.set(key, shared);
    }
    return signal ? abortable(shared.answer, signal) : shared.answer;
  }
}

/** `work`, or the signal's reason as soon as it aborts (the work itself goes on for its other waiters). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
