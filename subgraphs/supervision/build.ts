/** The supervision subgraph over the four systems' ports; it has no legacy system of its own. */
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { SupervisionConfig } from './config.ts';
import { type SupervisionIndex, type SupervisionPorts, createSupervisionSubgraph } from './index.ts';

export function buildSupervisionSubgraph(
  config: SupervisionConfig,
  ports: SupervisionPorts,
  context: BuildContext,
): BuiltSubgraph & { readonly index: SupervisionIndex } {
  const subgraph = createSupervisionSubgraph({ ports, clock: context.clock, ...config, logger: context.logger });
  return {
    definition: subgraph as SubgraphDefinition<unknown>,
    index: subgraph.index,
    // The cross-system index is built before the first answer.
    warmUp: async () => {
      await subgraph.index.refresh();
    },
    parts: [],
  };
}
