/**
 * The embedded default (npm start) on three threads of one process: the gateway on this (main) thread;
 * the legacy thread (legacy-systems.ts: seeding, the stand-ins, the embedded databases); the subgraph
 * thread (subgraphs.ts: adapters, the five subgraphs, index builds, credit ingestion). No
 * synchronous work of theirs delays the gateway's answers or /health, and a stand-in never delays a
 * subgraph. The subgraphs listen on loopback ports as they would as processes of their own, and the
 * gateway fetches them over HTTP as it does any subgraph. What else crosses (thread-api.ts): each
 * worker's metrics (rendered on the gateway's /metrics), request-caused legacy calls (when observers
 * are given), index rebuilds, and stop.
 */
import { MessageChannel } from 'node:worker_threads';
import type { CallObserver } from '../adapters/core/calls.ts';
import type { PublishLive } from '../graph/live-events.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import type { RunningGateway } from '../gateway/server.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import { type Stoppable, stopAll } from '../runtime/lifecycle.ts';
import type { Logger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { type ThreadEnd, startWorkerThread } from '../runtime/worker-thread.ts';
import { readEmbeddedConfig } from './config.ts';
import type { LegacyAddresses } from './legacy-systems.ts';
import type { SeededFolder } from './seed-data.ts';
import type { IndexName, IndexRefresh } from './subgraphs.ts';
import type { FaultAdminAddress } from '../legacy/fault-admin.ts';
import type {
  BreakerStates,
  GatewayThreadApi,
  LegacyThreadApi,
  LegacyThreadData,
  SubgraphThreadApi,
  SubgraphThreadData,
  SubgraphsStarted,
} from './thread-api.ts';

export interface EmbeddedStack {
  readonly gateway: RunningGateway;
  readonly seeded: SeededFolder;
  readonly clock: Clock;
  readonly startupMs: number;
  /** The two worker threads: their ids, and how they ended (settles on stop(), or when one crashes). */
  readonly threads: Readonly<
    Record<'legacy' | 'subgraphs', { readonly threadId: number; readonly ended: Promise<ThreadEnd> }>
  >;
  /** Each legacy system's breaker state, as the subgraph thread's guards hold it. */
  breakerStates(): Promise<BreakerStates>;
  /** The stand-ins' fault control (legacy/fault-admin.ts), unless LEGACY_FAULT_CONTROL=off. */
  readonly faultAdmin: FaultAdminAddress | undefined;
  /** Rebuilds the elevator or the supervision index now, on the subgraph thread (benchmarks time it). */
  refreshIndex(name: IndexName): Promise<IndexRefresh>;
  stop(): Promise<void>;
}

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
  const gatewayConfig = readGatewayConfig(env, 'embedded');
  const observers = options.observers ?? [];
  const log = { level: logger.level, name: String(logger.bindings().name ?? 'equipment-graph') };
  // The gateway's registry also renders the workers' families: one scrape covers the process.
  const metrics = new Metrics({ thread: 'gateway' });
  // Subgraphs accept only this gateway: the secret it signs with (one per start unless configured).
  const threadEnv: Env = { ...env, GATEWAY_SIGNING_SECRET: gatewayConfig.callers.signingSecret };
  const parts: Stoppable[] = [];
  // Events the feed yields before the gateway listens have no subscriber yet.
  let publishLive: PublishLive = () => undefined;
  try {
    const databases = new MessageChannel();
    // Both workers start at once: the subgraph thread loads its modules (Apollo's, the subgraphs') on the other
    // core while the legacy thread loads the stand-ins, then asks for their addresses (legacyStarted).
    const legacyStarting = startWorkerThread<LegacyThreadApi, LegacyAddresses>({
      name: 'legacy',
      entry: new URL('./legacy-thread.ts', import.meta.url),
      data: { env: threadEnv, log, databasesPort: databases.port1 } satisfies LegacyThreadData,
      transferList: [databases.port1],
      logger,
    });
    const subgraphsStarting = startWorkerThread<SubgraphThreadApi, SubgraphsStarted>({
      name: 'subgraphs',
      entry: new URL('./subgraph-thread.ts', import.meta.url),
      data: {
        env: threadEnv,
        log,
        databasesPort: databases.port2,
        observed: observers.length > 0,
      } satisfies SubgraphThreadData,
      transferList: [databases.port2],
      handlers: {
        legacyCall: (call) => {
          for (const observe of observers) observe(call);
        },
        settle: () => undefined,
        // The alarm feed is followed on the subgraph thread; its events go on the gateway's bus.
        liveEvents: (events) => publishLive(events),
        legacyStarted: async () => (await legacyStarting).started,
      } satisfies GatewayThreadApi,
      logger,
    });
    // Apollo's modules load only now, on this thread while the workers boot on theirs (about 2.5 s at city start).
    const gatewayLoading = import('../gateway/server.ts');
    const [legacyStart, subgraphsStart, gatewayLoad] = await Promise.allSettled([
      legacyStarting,
      subgraphsStarting,
      gatewayLoading,
    ]);
    if (legacyStart.status === 'fulfilled')
      parts.push({ name: 'legacy thread', stop: () => legacyStart.value.thread.stop() });
    if (subgraphsStart.status === 'fulfilled')
      parts.push({ name: 'subgraph thread', stop: () => subgraphsStart.value.thread.stop() });
    // The legacy thread's error first: the subgraph thread fails with it when it cannot start without it.
    if (legacyStart.status === 'rejected') throw legacyStart.reason;
    if (subgraphsStart.status === 'rejected') throw subgraphsStart.reason;
    if (gatewayLoad.status === 'rejected') throw gatewayLoad.reason;
    const legacy = legacyStart.value;
    const subgraphs = subgraphsStart.value;
    const { startGateway } = gatewayLoad.value;

    for (const worker of [legacy.thread, subgraphs.thread]) metrics.include(() => worker.rpc.call('metrics', null));
    const gateway = await startGateway(
      { ...gatewayConfig, subgraphUrls: { ...subgraphs.started.subgraphUrls, ...gatewayConfig.subgraphUrls } },
      logger,
      metrics,
    );
    parts.push({ name: 'gateway', stop: () => gateway.stop() });
    publishLive = (events) => gateway.publishLive(events);
    return {
      gateway,
      seeded: legacy.started.seeded,
      clock: clockFromSetting(config.clock, config.asOf),
      startupMs: Math.round(performance.now() - started),
      threads: {
        legacy: { threadId: legacy.thread.threadId, ended: legacy.thread.ended },
        subgraphs: { threadId: subgraphs.thread.threadId, ended: subgraphs.thread.ended },
      },
      refreshIndex: (name) => subgraphs.thread.rpc.call('refreshIndex', name),
      breakerStates: () => subgraphs.thread.rpc.call('breakerStates', null),
      faultAdmin: legacy.started.faultAdmin,
      stop: () => stopAll(parts, logger),
    };
  } catch (error) {
    await stopAll(parts, logger);
    throw error;
  }
}
