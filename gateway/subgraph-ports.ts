import type { SystemName } from '../adapters/core/errors.ts';

/**
 * Where each subgraph listens by default. The composed supergraph names these URLs, so a standalone
 * subgraph started with no configuration is where the gateway looks for it.
 */
export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SystemName, number>> = {
  permit: 4001,
  inspection: 4002,
  elevator: 4003,
  credit: 4004,
};
