/**
 * The subgraph thread of the embedded start (a worker, runtime/worker-thread.ts): the adapters, the
 * five subgraphs, their index builds and the credit ingestion (subgraphs.ts), off the gateway's event
 * loop. It sends the embedded databases' statements to the legacy thread, and, when the
 * gateway's thread observes legacy calls, each request-caused call there.
 */
import type { LevelWithSilent } from 'pino';
import type { CallObserver } from '../adapters/core/calls.ts';
import { createLogger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { runWorkerThread } from '../runtime/worker-thread.ts';
import { databaseClients } from './databases.ts';
import { startSubgraphs } from './subgraphs.ts';
import type { GatewayThreadApi, SubgraphThreadData, SubgraphsStarted } from './thread-api.ts';

await runWorkerThread<GatewayThreadApi, SubgraphsStarted>(async (gateway, data) => {
  const { env, log, databasesPort, observed } = data as SubgraphThreadData;
  const logger = createLogger({ level: log.level as LevelWithSilent, name: log.name }).child({ thread: 'subgraphs' });
  const metrics = new Metrics({ thread: 'subgraphs' });
  const databases = databaseClients(databasesPort);
  const closeDatabases = () => {
    databases.close();
    databasesPort.close();
  };
  // Each request-caused call goes to the observers on the gateway's thread; before a subgraph answers, one round
  // trip makes sure they have all of that request's calls (messages keep their order).
  const observers: CallObserver[] = observed ? [(call) => gateway.notify('legacyCall', call)] : [];
  const beforeAnswer = observed ? () => gateway.call('settle', null) : undefined;
  // This thread's modules are loaded by now, while the legacy thread was loading the stand-ins.
  const legacy = await gateway.call('legacyStarted', null).catch((error: unknown) => {
    closeDatabases();
    throw error;
  });
  const subgraphs = await startSubgraphs(
    env,
    logger,
    metrics,
    {
      addresses: legacy,
      inspection: legacy.embedded.inspection ? databases.inspection : undefined,
      credit: legacy.embedded.credit ? databases.credit : undefined,
    },
    {
      observers,
      beforeAnswer,
      publishLive: (events) => gateway.notify('liveEvents', events),
    },
  ).catch((error: unknown) => {
    closeDatabases();
    throw error;
  });
  return {
    started: { subgraphUrls: subgraphs.subgraphUrls },
    handlers: {
      metrics: () => metrics.threadFamilies(),
      refreshIndex: (name: Parameters<typeof subgraphs.refreshIndex>[0]) => subgraphs.refreshIndex(name),
      breakerStates: () => subgraphs.resilience.states(),
    },
    async stop() {
      await subgraphs.stop();
      closeDatabases();
    },
  };
});
