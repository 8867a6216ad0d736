/**
 * Identical subgraph fetches in flight at once are sent once: dashboards polling the same operation
 * make the same fetches at the same moment. Keyed by the subgraph, the caller's rights
 * (caller-rights.ts: the signed header carries the caller, and subgraphs answer by it) and the body;
 * queries only (the caller decides). Every waiter gets the answer's text and parses it itself, so no
 * two requests share mutable objects. The shared fetch is not bound to the first request's client:
 * one client going away does not fail the others (each waiter still stops at its own scope's end).
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** `send` runs only when no fetch under `key` is in flight; `shared` counts the waiters that joined one. */
  run(key: string, send: () => Promise<T>, signal: AbortSignal | undefined, onShared: () => void): Promise<T> {
    let shared = this.pending.get(key);
    if (shared) onShared();
    else {
      shared = send().finally(() => this.pending.delete(key));
      this.pending.set(key, shared);
    }
    return signal ? abortable(shared, signal) : shared;
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
