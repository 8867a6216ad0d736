/**
 * The legacy thread of the embedded start (a worker, runtime/worker-thread.ts): the stand-ins and the
 * embedded inspection database (legacy-systems.ts). It serves the gateway's thread (metrics, stop) and,
 * over a channel of their own, the subgraph thread's inspection statements.
 */
import type { LevelWithSilent } from 'pino';
import { createLogger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { ThreadRpc } from '../runtime/thread-rpc.ts';
import { runWorkerThread } from '../runtime/worker-thread.ts';
import { type LegacyAddresses, startLegacySystems } from './legacy-systems.ts';
import type { InspectionApi, LegacyThreadData } from './thread-api.ts';

await runWorkerThread<Record<string, never>, LegacyAddresses>(async (_parent, data) => {
  const { env, log, inspectionPort } = data as LegacyThreadData;
  const logger = createLogger({ level: log.level as LevelWithSilent, name: log.name }).child({ thread: 'legacy' });
  const metrics = new Metrics({ thread: 'legacy' });
  const legacy = await startLegacySystems(env, logger);
  const { inspection } = legacy;
  const unavailable = () => Promise.reject(new Error('the inspection database is a server, not embedded here'));
  const statements = new ThreadRpc<InspectionApi, Record<string, never>>(inspectionPort, {
    query: inspection ? ({ sql, params }) => inspection.query(sql, params) : unavailable,
    exec: inspection ? async (sql) => (await inspection.exec(sql), null) : unavailable,
  });
  return {
    started: legacy.addresses,
    handlers: { metrics: () => metrics.threadFamilies() },
    async stop() {
      statements.close('the legacy thread has stopped');
      inspectionPort.close();
      await legacy.stop();
    },
  };
});
