/** The credit subgraph over the drop directory, ingesting into its store (embedded PGlite or a server). */
import { type CreditAdapter, createCreditAdapter } from '../../adapters/credit/index.ts';
import type { SqlStore } from '../../adapters/credit/store.ts';
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { CreditConfig } from './config.ts';
import { createCreditSubgraph } from './index.ts';

/** The credit store as configured: where the files are ingested, and where other subgraphs read them. */
export function creditStore(config: CreditConfig): { storeDir: string } | { databaseUrl: string; schema: string } {
  return config.store.kind === 'postgres'
    ? { databaseUrl: config.store.databaseUrl, schema: config.store.schema }
    : { storeDir: config.store.storeDir };
}

/** `store`: the embedded store opened on another thread, used instead of the configured folder (the embedded start). */
export async function buildCreditSubgraph(
  config: CreditConfig,
  context: BuildContext,
  store?: SqlStore,
): Promise<BuiltSubgraph & { readonly adapter: CreditAdapter }> {
  const adapter = await createCreditAdapter({
    dropDir: config.dropDir,
    ...(store ? { store } : creditStore(config)),
    pollMs: config.pollMs,
    timeoutMs: config.timeoutMs,
    maxShrink: config.maxShrink,
    logger: context.logger,
    observers: context.observers,
    // The poller's passes are no request's calls.
    backgroundObservers: context.backgroundObservers,
    metrics: context.metrics,
    guard: context.resilience?.forSystem('credit'),
  });
  const definition = createCreditSubgraph({
    adapter,
    clock: context.clock,
    logger: context.logger,
    publishLive: context.publishLive,
  }) as SubgraphDefinition<unknown>;
  return {
    definition,
    adapter,
    // The files already dropped are ingested before the first answer; later ones by the poller.
    warmUp: async () => {
      await adapter.ingest();
      adapter.start();
    },
    parts: [{ name: 'credit adapter', stop: () => adapter.close() }],
  };
}
