/** The inspection subgraph over the exchange database: an embedded folder, a server, or a PGlite instance handed in. */
import { createInspectionAdapter, type InspectionPort } from '../../adapters/inspection/index.ts';
import type { PgliteLike } from '../../adapters/inspection/sql-client.ts';
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { InspectionConfig } from './config.ts';
import { createInspectionSubgraph } from './index.ts';

/** Where the exchange database is: as configured, or an instance the embedded stand-in already opened. */
export type InspectionSource =
  InspectionConfig['database'] | { readonly kind: 'instance'; readonly pglite: PgliteLike };

export async function buildInspectionSubgraph(
  config: InspectionConfig,
  context: BuildContext,
  source: InspectionSource = config.database,
): Promise<BuiltSubgraph & { readonly adapter: InspectionPort }> {
  // The stand-in's own instance holds the tables in its default schema; a configured database in the configured one.
  const connection =
    source.kind === 'postgres'
      ? { databaseUrl: source.databaseUrl, schema: config.schema }
      : source.kind === 'embedded'
        ? { dataDir: source.dataDir, schema: config.schema }
        : { pglite: source.pglite };
  const adapter = await createInspectionAdapter({
    ...connection,
    timeoutMs: config.timeoutMs,
    logger: context.logger,
    observers: context.observers,
    guard: context.resilience?.forSystem('inspection'),
  });
  const definition = createInspectionSubgraph({
    adapter,
    clock: context.clock,
    logger: context.logger,
    publishLive: context.publishLive,
  }) as SubgraphDefinition<unknown>;
  return {
    definition,
    adapter,
    warmUp: async () => {},
    parts: [{ name: 'inspection adapter', stop: () => adapter.close() }],
  };
}
