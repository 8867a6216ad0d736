/**
 * Composes the five subgraph SDLs (schema/common.graphql + schema/<name>.graphql) into the
 * supergraph the gateway serves. The URLs written into the supergraph are the embedded defaults;
 * the gateway can point each subgraph elsewhere by configuration.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl } from './sdl.ts';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPHS, type SubgraphName } from './names.ts';

function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

export function composeSupergraph(): CompositionResult {
  const services = [];
  for (const name of SUBGRAPHS) {
    try {
      services.push({ name, url: defaultSubgraphUrl(name), typeDefs: parse(subgraphSdl(name)) });
    } catch (error) {
      return { ok: false, errors: [`schema/${name}.graphql: ${(error as Error).message}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) {
    return { ok: false, errors: (result.errors ?? []).map((e) => e.message) };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}
