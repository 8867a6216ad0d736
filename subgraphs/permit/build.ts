/** The permit subgraph over the SOAP service its configuration names. */
import { createPermitAdapter, type PermitAdapter } from '../../adapters/permit/index.ts';
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { PermitConfig } from './config.ts';
import { createPermitSubgraph } from './index.ts';

export function buildPermitSubgraph(
  service: PermitConfig['service'],
  context: BuildContext,
): BuiltSubgraph & { readonly adapter: PermitAdapter } {
  const adapter = createPermitAdapter({
    ...service,
    logger: context.logger,
    observers: context.observers,
    guard: context.resilience?.forSystem('permit'),
  });
  const definition = createPermitSubgraph({ adapter, clock: context.clock }) as SubgraphDefinition<unknown>;
  return { definition, adapter, warmUp: async () => {}, parts: [] };
}
