/**
 * The scope of one request, carried through every await by AsyncLocalStorage: its deadline, a signal
 * that fires when the deadline passes or the caller goes away, the notes of stale answers served to
 * it, and in the gateway which subgraphs its data came from (for the response cache). The HTTP servers
 * open one around each GraphQL request (runtime/apollo-http.ts); the outbound paths (adapters/core,
 * the gateway's subgraph fetches) read it, so a deadline reaches every call without being threaded
 * through each resolver and loader. Background work (index builds, feeds, ingestion) runs outside any
 * scope (`outsideRequestScope`) and keeps its own timeouts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';

/** Why a request's work was abandoned. */
export type ScopeEnd = 'deadline' | 'cancelled';

export interface StaleNote {
  /** The system (or index) whose last good copy was served. */
  readonly system: string;
  /** Age of the oldest copy served for that system, in whole seconds. */
  readonly ageSeconds: number;
}

export class RequestScope {
  /** Fires at the deadline, or when the caller goes away; `reason` is a ScopeEnd. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly stale = new Map<string, number>();
  private readonly fetched = new Map<string, number>();

  constructor(
    /** Epoch milliseconds after which no legacy call is started and running ones are aborted. */
    readonly deadline: number,
  ) {
    this.signal = this.controller.signal;
    // Every legacy call and subgraph fetch of the request listens to it: dozens are normal, not a leak.
    setMaxListeners(0, this.signal);
    this.timer = setTimeout(() => this.end('deadline'), Math.max(0, deadline - Date.now()));
    this.timer.unref();
  }

  /** Milliseconds left before the deadline (0 once it has passed). */
  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** How the scope ended, or undefined while its work may go on. */
  get ended(): ScopeEnd | undefined {
    return this.signal.aborted ? (this.signal.reason as ScopeEnd) : undefined;
  }

  /** Ends the scope early: the caller went away. */
  cancel(): void {
    this.end('cancelled');
  }

  /** Releases the timer once the answer is sent. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  /** Records that an answer came from a last good copy `ageSeconds` old (the oldest per system is kept). */
  noteStale(system: string, ageSeconds: number): void {
    const age = Math.max(0, Math.round(ageSeconds));
    if (age >= (this.stale.get(system) ?? -1)) this.stale.set(system, age);
  }

  staleNotes(): StaleNote[] {
    return [...this.stale].map(([system, ageSeconds]) => ({ system, ageSeconds }));
  }

  /** Records that the answer holds data `subgraph` read at `sentAt` (epoch ms; the earliest per subgraph is kept). */
  noteFetched(subgraph: string, sentAt: number): void {
    if (sentAt < (this.fetched.get(subgraph) ?? Infinity)) this.fetched.set(subgraph, sentAt);
  }

  /** The subgraphs the answer's data came from, each with when its oldest fetch was sent. */
  fetchedFrom(): ReadonlyMap<string, number> {
    return this.fetched;
  }

  private end(reason: ScopeEnd): void {
    clearTimeout(this.timer);
    if (!this.signal.aborted) this.controller.abort(reason);
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the request being served, or undefined in background work. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * Runs `work` outside any request scope: work shared by many requests (an index build a request
 * happened to start) must not be cut short by that one request's deadline or disconnection.
 */
export function outsideRequestScope<T>(work: () => T): T {
  return storage.exit(work);
}
