/**
 * The legacy thread of the embedded start (a worker, runtime/worker-thread.ts): the stand-ins and the
 * embedded databases (legacy-systems.ts). It serves the gateway's thread (metrics, stop) and, over a
 * channel of their own, the subgraph thread's database statements (databases.ts).
 */
import type { LevelWithSilent } from 'pino';
import { createLogger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { runWorkerThread } from '../runtime/worker-thread.ts';
import { serveDatabases } from './databases.ts';
import { type LegacyAddresses, startLegacySystems } from './legacy-systems.ts';
import type { LegacyThreadData } from './thread-api.ts';

await runWorkerThread<Record<string, never>, LegacyAddresses>(async (_parent, data) => {
  const { env, log, databasesPort } = data as LegacyThreadData;
  const logger = createLogger({ level: log.level as LevelWithSilent, name: log.name }).child({ thread: 'legacy' });
  const metrics = new Metrics({ thread: 'legacy' });
  const legacy = await startLegacySystems(env, logger);
  const databases = serveDatabases(databasesPort, legacy);
  return {
    started: legacy.addresses,
    handlers: { metrics: () => metrics.threadFamilies() },
    async stop() {
      databases.close('the legacy thread has stopped');
      databasesPort.close();
      await legacy.stop();
    },
  };
});
