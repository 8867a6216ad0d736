/** A subgraph's SDL: schema/common.graphql (shared declarations) followed by schema/<name>.graphql. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentNode, parse } from 'graphql';
import type { SubgraphName } from './names.ts';

export function schemaFile(name: SubgraphName | 'common' | 'supergraph'): string {
  return fileURLToPath(new URL(`../schema/${name}.graphql`, import.meta.url));
}

export function subgraphSdl(name: SubgraphName): string {
  return `${readFileSync(schemaFile('common'), 'utf8')}\n${readFileSync(schemaFile(name), 'utf8')}`;
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}
