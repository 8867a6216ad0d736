/**
 * The embedded default (npm start): the gateway on this thread, everything else on one worker thread
 * (the subgraph thread: stand-ins, databases, adapters, the five subgraphs, index builds, credit
 * ingestion; backend.ts), so no synchronous work of theirs delays the gateway's answers or /health.
 * The subgraphs listen on loopback ports as they would as processes of their own, and the gateway
 * fetches them over HTTP as it does any subgraph. What else crosses between the threads
 * (thread-api.ts): the subgraph thread's metrics (rendered on the gateway's /metrics), request-caused
 * legacy calls (when observers are given), index rebuilds, and stop.
 */
import { Worker } from 'node:worker_threads';
import type { CallObserver } from '../adapters/core/calls.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import type { Logger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { type Endpoint, ThreadRpc } from '../runtime/thread-rpc.ts';
import type { IndexName, IndexRefresh } from './backend.ts';
import { readEmbeddedConfig } from './config.ts';
import type { SeededFolder } from './seed-data.ts';
import type { GatewayThreadApi, Started, SubgraphThreadApi, SubgraphThreadData } from './thread-api.ts';

/** How the subgraph thread ended: by stop() (`stopped`), or on its own, which leaves the gateway without subgraphs. */
interface SubgraphThreadEnd {
  readonly code: number;
  readonly stopped: boolean;
  /** It had to be terminated: something it started was still open after its parts stopped. */
  readonly terminated: boolean;
}

export interface EmbeddedStack {
  readonly gateway: RunningGateway;
  readonly seeded: SeededFolder;
  readonly clock: Clock;
  readonly startupMs: number;
  readonly subgraphThread: { readonly threadId: number; readonly ended: Promise<SubgraphThreadEnd> };
  /** Rebuilds the elevator or the supervision index now, on the subgraph thread (benchmarks time it). */
  refreshIndex(name: IndexName): Promise<IndexRefresh>;
  stop(): Promise<void>;
}

/** How long the subgraph thread may take to end by itself once its parts have stopped. */
const THREAD_END_MS = 5000;

/**
 * `observers`: extra observers of the legacy calls requests cause (tests count them); background feeds are not shown
 * to them. Each call reaches them before the subgraph answer it was made for.
 */
export async function startEmbeddedStack(
  env: Env,
  logger: Logger,
  options: { observers?: CallObserver[] } = {},
): Promise<EmbeddedStack> {
  const started = performance.now();
  // Read here too, so that a bad value stops the start before a thread is spawned.
  const config = readEmbeddedConfig(env);
  const gatewayConfig = readGatewayConfig(env);
  const observers = options.observers ?? [];
  // The gateway's registry also renders the subgraph thread's families: one scrape covers the process.
  const metrics = new Metrics({ thread: 'gateway' });

  const data: SubgraphThreadData = {
    env: { ...env },
    log: { level: logger.level, name: String(logger.bindings().name ?? 'equipment-graph') },
    observed: observers.length > 0,
  };
  const worker = new Worker(new URL('./thread-boot.js', import.meta.url), {
    workerData: { entry: new URL('./subgraph-thread.ts', import.meta.url).href, data },
  });
  let stopping = false;
  let terminated = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let reportStart: (started: Started) => void = () => {};
  const startedOrNot = new Promise<Started>((resolve) => (reportStart = resolve));
  const rpc = new ThreadRpc<GatewayThreadApi, SubgraphThreadApi>(worker as Endpoint, {
    started: (arg) => reportStart(arg),
    legacyCall: (call) => {
      for (const observe of observers) observe(call);
    },
    settle: () => undefined,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'subgraph thread failed'));
  const ended = exited.then((code): SubgraphThreadEnd => {
    rpc.close('the subgraph thread has ended');
    if (!stopping) logger.fatal({ code }, 'the subgraph thread ended: the gateway has no subgraphs');
    return { code, stopped: stopping, terminated };
  });
  void ended.then(() => reportStart({ ok: false, message: 'the subgraph thread ended before its subgraphs started' }));

  const start = await startedOrNot;
  if (!start.ok) {
    await ended;
    throw new Error(start.message);
  }
  const stopThread = async () => {
    stopping = true;
    await rpc.call('stop', null).catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    const timer = setTimeout(() => {
      terminated = true;
      logger.error({ graceMs: THREAD_END_MS }, 'the subgraph thread kept a handle open after stopping; terminated');
      void worker.terminate();
    }, THREAD_END_MS);
    await ended;
    clearTimeout(timer);
  };

  try {
    metrics.include(() => rpc.call('metrics', null));
    const gateway = await startGateway(
      { ...gatewayConfig, subgraphUrls: { ...start.subgraphUrls, ...gatewayConfig.subgraphUrls } },
      logger,
      metrics,
    );
    return {
      gateway,
      seeded: start.seeded,
      clock: clockFromSetting(config.clock, config.asOf),
      startupMs: Math.round(performance.now() - started),
      subgraphThread: { threadId: start.threadId, ended },
      refreshIndex: (name) => rpc.call('refreshIndex', name),
      async stop() {
        try {
          await gateway.stop();
        } catch (error) {
          logger.error({ err: error, part: 'gateway' }, 'error while stopping');
        }
        await stopThread();
      },
    };
  } catch (error) {
    await stopThread();
    throw error;
  }
}
