/** The supervision subgraph over the four systems' ports; it has no legacy system of its own. */
import type { BuildContext, BuiltSubgraph } from '../common/build.ts';
import type { SubgraphDefinition } from '../common/server.ts';
import type { SupervisionConfig } from './config.ts';
import type { PlatformElevators } from '../common/platform-elevators.ts';
import type { KeepIndex } from '../common/index-file.ts';
import { type SupervisionIndex, type SupervisionPorts, createSupervisionSubgraph } from './index.ts';

export function buildSupervisionSubgraph(
  config: SupervisionConfig,
  ports: SupervisionPorts,
  context: BuildContext,
  shared: {
    /** The platform's elevators read once for the indexes of this process (the elevator index's too). */
    readonly platformElevators?: PlatformElevators;
    /** Keep each index build in the data folder for the next start (none: every start builds it). */
    readonly keepIndex?: KeepIndex;
  } = {},
): BuiltSubgraph & { readonly index: SupervisionIndex } {
  const subgraph = createSupervisionSubgraph({
    ports,
    clock: context.clock,
    ...config,
    logger: context.logger,
    ...shared,
  });
  return {
    definition: subgraph as SubgraphDefinition<unknown>,
    index: subgraph.index,
    // The cross-system index is built (or the kept one restored) before the first answer.
    warmUp: async () => {
      await subgraph.index.warmUp();
    },
    parts: [],
  };
}
