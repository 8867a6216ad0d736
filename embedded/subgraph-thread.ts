/**
 * The subgraph thread of the embedded start (a node:worker_threads worker, loaded by thread-boot.js):
 * the stand-ins, the databases, the adapters, the five subgraphs, their index builds and the credit
 * ingestion, off the gateway's event loop. It tells the gateway's thread where the subgraphs listen,
 * then serves its calls (metrics, index rebuilds, stop) until stopped, and ends by itself.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { LevelWithSilent } from 'pino';
import type { CallObserver } from '../adapters/core/calls.ts';
import { createLogger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { type Endpoint, ThreadRpc } from '../runtime/thread-rpc.ts';
import { type RunningBackend, startBackend } from './backend.ts';
import type { GatewayThreadApi, SubgraphThreadApi, SubgraphThreadData } from './thread-api.ts';

if (!parentPort) throw new Error('embedded/subgraph-thread.ts runs as a worker thread of the embedded start');
const data = (workerData as { data: SubgraphThreadData }).data;
const logger = createLogger({ level: data.log.level as LevelWithSilent, name: data.log.name }).child({
  thread: 'subgraphs',
});
const metrics = new Metrics({ thread: 'subgraphs' });
let backend: RunningBackend | undefined;

const rpc = new ThreadRpc<SubgraphThreadApi, GatewayThreadApi>(parentPort as Endpoint, {
  metrics: () => metrics.threadFamilies(),
  refreshIndex: (name) => running().refreshIndex(name),
  stop: async () => {
    await backend?.stop();
    backend = undefined;
    // Nothing is left to keep the thread alive but the channel to the gateway's thread: closed once this
    // answer has been sent, so the thread ends by itself (unless a part left a handle open).
    setImmediate(() => parentPort?.close());
  },
});

function running(): RunningBackend {
  if (!backend) throw new Error('the subgraphs are not running');
  return backend;
}

// Each request-caused call is sent to the observers on the gateway's thread; before a subgraph answers,
// one round trip makes sure they have all of that request's calls (messages keep their order).
const observers: CallObserver[] = data.observed ? [(call) => rpc.notify('legacyCall', call)] : [];
const beforeAnswer = data.observed ? () => rpc.call('settle', null) : undefined;

try {
  backend = await startBackend(data.env, logger, metrics, { observers, beforeAnswer });
  rpc.notify('started', { ok: true, threadId, seeded: backend.seeded, subgraphUrls: backend.subgraphUrls });
} catch (error) {
  // The gateway's thread reports it (a configuration error names its variable) and ends the start.
  rpc.notify('started', { ok: false, message: error instanceof Error ? error.message : String(error) });
  parentPort.close();
}
