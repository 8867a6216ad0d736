/**
 * The example operations of docs/operations, as tests and benchmarks run them: by name, with their
 * documented variables, and paged to the end where a question's answer is a connection. The queries
 * are run over HTTP; the subscriptions (the dashboard's live list) only over the live transports.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OperationTypeNode, getOperationAST, parse } from 'graphql';
import { postGraphql } from './graphql.ts';

export const OPERATIONS_DIR = join(import.meta.dirname, '../../docs/operations');

export interface ExampleOperation {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Every example operation's name, of one kind: queries by default, what the query tools run over HTTP. */
export function operationNames(kind: OperationTypeNode = OperationTypeNode.QUERY): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => f.slice(0, -'.graphql'.length))
    .filter((name) => operationKind(name) === kind)
    .sort();
}

function operationKind(name: string): OperationTypeNode | undefined {
  const document = parse(readFileSync(join(OPERATIONS_DIR, `${name}.graphql`), 'utf8'));
  return getOperationAST(document)?.operation;
}

export function loadOperation(name: string): ExampleOperation {
  const query = readFileSync(join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');
  const variables = JSON.parse(readFileSync(join(OPERATIONS_DIR, `${name}.variables.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  return { name, query, variables };
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/**
 * Every node of the connection at `field` of the answer, following `pageInfo.endCursor` through the
 * variables `first`/`after` (or the names given), 100 at a time. Fails on any error in any page.
 */
export async function collectAll<T>(
  url: string,
  operation: ExampleOperation,
  field: string,
  overrides: Record<string, unknown> = {},
  pageVariables: { first: string; after: string } = { first: 'first', after: 'after' },
): Promise<{ nodes: T[]; totalCount: number; pages: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const variables = {
      ...operation.variables,
      ...overrides,
      [pageVariables.first]: 100,
      [pageVariables.after]: after,
    };
    const body = await postGraphql(url, operation.query, variables);
    if (body.errors) throw new Error(`${operation.name} page ${pages + 1}: ${JSON.stringify(body.errors.slice(0, 3))}`);
    const connection = body.data[field] as Connection<T>;
    pages++;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return { nodes, totalCount: connection.totalCount, pages };
    after = connection.pageInfo.endCursor;
  }
}
