/**
 * The graph's parts by name, shared by every layer: the four legacy systems (each wrapped by an
 * adapter and a subgraph of the same name) and the subgraphs composed into the supergraph.
 */
export const SYSTEMS = ['permit', 'inspection', 'elevator', 'credit'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/**
 * The subgraphs the supergraph is composed of: one per legacy system, plus `supervision`, which joins
 * the systems for cross-system questions and wraps no legacy system of its own (so it is never an
 * `extensions.system` of a legacy error).
 */
export const SUBGRAPHS = [...SYSTEMS, 'supervision'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/**
 * Where each subgraph listens by default. The composed supergraph names these URLs, so a standalone
 * subgraph started with no configuration is where the gateway looks for it.
 */
export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  permit: 4001,
  inspection: 4002,
  elevator: 4003,
  credit: 4004,
  supervision: 4005,
};
