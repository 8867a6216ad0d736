/**
 * Calls between two threads of one process over a worker's message channel: each side serves the
 * methods it offers (`Local`) and calls those the other offers (`Remote`), by name, with one
 * structured-clonable argument. `call` waits for the answer (a thrown error comes back as an Error
 * with its message); `notify` sends without waiting. Messages on one channel arrive in order, so an
 * answer to a call also tells that every notification sent before it has been handled.
 *
 * Written here rather than taken from a library (comlink) because it is forty lines over
 * node:worker_threads, and comlink reaches Node's ports only through an adapter in its dist/ folder.
 */

/** What a thread offers: methods of one argument, answering a value or a promise of one. */
export type ThreadApi = Record<string, (arg: never) => unknown>;

type ArgOf<F> = F extends (arg: infer A) => unknown ? A : never;

/** The two ends of a channel: a Worker on the parent's side, parentPort on the worker's. */
export interface Endpoint {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off(event: 'message', listener: (value: unknown) => void): unknown;
}

type Message =
  | { readonly rpc: 'call'; readonly id: number; readonly method: string; readonly arg: unknown }
  | { readonly rpc: 'notify'; readonly method: string; readonly arg: unknown }
  | { readonly rpc: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly rpc: 'error'; readonly id: number; readonly message: string };

const isMessage = (value: unknown): value is Message => typeof value === 'object' && value !== null && 'rpc' in value;

export class ThreadRpc<Local extends ThreadApi, Remote extends ThreadApi> {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  private readonly listener = (value: unknown) => this.receive(value);

  constructor(
    private readonly endpoint: Endpoint,
    private readonly local: Local,
  ) {
    endpoint.on('message', this.listener);
  }

  call<M extends keyof Remote & string>(method: M, arg: ArgOf<Remote[M]>): Promise<Awaited<ReturnType<Remote[M]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.endpoint.postMessage({ rpc: 'call', id, method, arg } satisfies Message);
    });
  }

  notify<M extends keyof Remote & string>(method: M, arg: ArgOf<Remote[M]>): void {
    this.endpoint.postMessage({ rpc: 'notify', method, arg } satisfies Message);
  }

  /** Fails the calls still waiting (the other thread is gone) and stops listening. */
  close(reason: string): void {
    this.endpoint.off('message', this.listener);
    for (const { reject } of this.waiting.values()) reject(new Error(reason));
    this.waiting.clear();
  }

  private receive(message: unknown): void {
    if (!isMessage(message)) return;
    if (message.rpc === 'answer' || message.rpc === 'error') {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.rpc === 'answer') waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.message));
      return;
    }
    const method = this.local[message.method] as ((arg: unknown) => unknown) | undefined;
    const result = (async () => {
      if (!method) throw new Error(`no method ${message.method} on this thread`);
      return method(message.arg);
    })();
    if (message.rpc === 'notify') {
      // A notification has no one to answer to; its handler reports its own failures.
      result.catch(() => undefined);
      return;
    }
    const { id } = message;
    result.then(
      (value) => this.endpoint.postMessage({ rpc: 'answer', id, value } satisfies Message),
      (error: unknown) =>
        this.endpoint.postMessage({
          rpc: 'error',
          id,
          message: error instanceof Error ? error.message : String(error),
        } satisfies Message),
    );
  }
}
