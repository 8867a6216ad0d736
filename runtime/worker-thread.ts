/**
 * A part of the process on a node:worker_threads worker of its own, as the embedded start runs its
 * legacy stand-ins and its subgraphs: spawned from a TypeScript entry (through thread-boot.js), it
 * tells once whether it started (`started`, with what it started), then serves calls
 * (runtime/thread-rpc.ts) until stopped. stop() asks it to stop its parts and waits for the thread to
 * end by itself; one that does not (a part left a timer or socket open) is terminated, and says so.
 */
import { type Transferable, Worker, parentPort, workerData } from 'node:worker_threads';
import type { Logger } from './logger.ts';
import { type Endpoint, type ThreadApi, ThreadRpc } from './thread-rpc.ts';

/** What a worker tells when it has started, or failed to (the message of its error). */
type Started<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

/** Every worker offers stop(); the parent offers started(). */
type WorkerApi = ThreadApi & { stop(arg: null): Promise<void> };
type ParentApi<T> = ThreadApi & { started(arg: Started<T>): void };

export interface ThreadEnd {
  readonly code: number;
  /** Ended after stop(); otherwise it ended on its own (crashed). */
  readonly stopped: boolean;
  /** Had to be terminated: something it started was still open after its parts stopped. */
  readonly terminated: boolean;
}

export interface WorkerThread<Remote extends WorkerApi> {
  readonly name: string;
  readonly threadId: number;
  readonly rpc: ThreadRpc<ThreadApi, Remote>;
  readonly ended: Promise<ThreadEnd>;
  stop(): Promise<void>;
}

/** How long a thread may take to end by itself once its parts have stopped. */
const END_GRACE_MS = 5000;

export async function startWorkerThread<Remote extends WorkerApi, T extends object>(options: {
  readonly name: string;
  /** The TypeScript module the thread runs (a URL from import.meta.url). */
  readonly entry: URL;
  readonly data: unknown;
  readonly transferList?: readonly Transferable[];
  /** What the parent offers the thread besides started(). */
  readonly handlers?: ThreadApi;
  readonly logger: Logger;
}): Promise<{ thread: WorkerThread<Remote>; started: T }> {
  const { name, logger } = options;
  const worker = new Worker(new URL('./thread-boot.js', import.meta.url), {
    workerData: { entry: options.entry.href, data: options.data },
    transferList: [...(options.transferList ?? [])],
  });
  let stopping = false;
  let terminated = false;
  let report: (started: Started<T>) => void = () => {};
  const started = new Promise<Started<T>>((resolve) => (report = resolve));
  const rpc = new ThreadRpc<ParentApi<T>, Remote>(
    worker as Endpoint,
    {
      ...options.handlers,
      started: (arg: Started<T>) => report(arg),
    } as ParentApi<T>,
  );
  worker.on('error', (error) => logger.error({ err: error, thread: name }, 'thread failed'));
  const ended = new Promise<number>((resolve) => worker.once('exit', resolve)).then((code): ThreadEnd => {
    rpc.close(`the ${name} thread has ended`);
    report({ ok: false, message: `the ${name} thread ended before it started` });
    if (!stopping) logger.fatal({ code, thread: name }, 'thread ended on its own');
    return { code, stopped: stopping, terminated };
  });

  const start = await started;
  if (!start.ok) {
    await ended;
    throw new Error(start.message);
  }
  const thread: WorkerThread<Remote> = {
    name,
    threadId: worker.threadId,
    rpc: rpc as unknown as ThreadRpc<ThreadApi, Remote>,
    ended,
    async stop() {
      if (stopping) return void (await ended);
      stopping = true;
      await rpc
        .call('stop', null as never)
        .catch((error: unknown) => logger.error({ err: error, thread: name }, 'error while stopping'));
      const timer = setTimeout(() => {
        terminated = true;
        logger.error({ thread: name, graceMs: END_GRACE_MS }, 'thread kept a handle open after stopping; terminated');
        void worker.terminate();
      }, END_GRACE_MS);
      await ended;
      clearTimeout(timer);
    },
  };
  return { thread, started: start as T };
}

/** What a worker's entry starts: what to tell the parent, what it serves, and how to stop it. */
export interface WorkerParts<T extends object> {
  readonly started: T;
  readonly handlers: ThreadApi;
  stop(): Promise<void>;
}

/**
 * The worker's side (call it from the entry module): starts the parts, tells the parent, serves the
 * handlers and stop(); once stopped, the channel closes and the thread ends when nothing else is open.
 * `start` gets the channel to the parent (for notifications) and the data the parent gave.
 */
export async function runWorkerThread<Parent extends ThreadApi, T extends object>(
  start: (parent: ThreadRpc<ThreadApi, Parent>, data: unknown) => Promise<WorkerParts<T>>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runWorkerThread: not on a worker thread');
  let parts: WorkerParts<T> | undefined;
  const local: Record<string, (arg: never) => unknown> = {
    stop: async () => {
      await parts?.stop();
      parts = undefined;
      // Closed once this answer has been sent: nothing else should keep the thread alive.
      setImmediate(() => port.close());
    },
  };
  const rpc = new ThreadRpc<ThreadApi, Parent & ParentApi<T>>(port as Endpoint, local);
  try {
    parts = await start(rpc as unknown as ThreadRpc<ThreadApi, Parent>, (workerData as { data: unknown }).data);
    Object.assign(local, parts.handlers);
    rpc.notify('started', { ok: true, ...parts.started } as never);
  } catch (error) {
    // The parent reports it (a configuration error names its variable) and ends the start.
    rpc.notify('started', { ok: false, message: error instanceof Error ? error.message : String(error) } as never);
    port.close();
  }
}
