/** Query limits: depth and estimated size over the real composed graph, and the refusal a caller sees. */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import { type FragmentDefinitionNode, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS } from './config.ts';
import { measureSelection, queryLimitsPlugin } from './query-limits.ts';

const schema = Supergraph.build(readFileSync(GATEWAY_DEFAULTS.supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((d) => [d.name.value, d]),
  );
  return measureSelection(schema, schema.getQueryType()!, operation.selectionSet, fragments, variables);
}

describe('query measure', () => {
  it('counts depth from the root field and one value per field per item', () => {
    expect(measure('{ districts { code name } }')).toEqual({ depth: 2, cost: 3 });
    expect(measure('{ enterprise(uscc: "91310000132260250X") { name credit { riskClass } } }')).toEqual({
      depth: 3,
      cost: 4,
    });
  });

  it('multiplies by page sizes: given, from a variable, or the schema default', () => {
    const paged = '{ hazards(first: 100) { nodes { id equipment { code } } } }';
    expect(measure(paged)).toEqual({ depth: 4, cost: 1 + 100 * 4 }); // the connection, then nodes, id, equipment, code per item
    expect(measure('query ($n: Int) { hazards(first: $n) { nodes { id } } }', { n: 50 }).cost).toBe(1 + 50 * 2);
    expect(measure('{ hazards { nodes { id } } }').cost).toBe(1 + 20 * 2); // schema default first: 20
    const nested = '{ enterpriseSearch(first: 100) { nodes { usedEquipment(first: 100) { nodes { code } } } } }';
    expect(measure(nested).cost).toBe(1 + 100 * (2 + 100 * 2));
  });

  it('expands fragments where they are spread, and ignores introspection', () => {
    const query =
      'query { a: district(code: "310115") { ...D } b: district(code: "310101") { ...D } __schema { types { name fields { name } } } } fragment D on District { code name }';
    expect(measure(query)).toEqual({ depth: 2, cost: 2 * (1 + 2) });
  });
});

describe('query limits plugin', () => {
  const server = new ApolloServer({
    typeDefs: 'type Query { node(first: Int = 10): Node } type Node { id: ID child(first: Int = 10): Node }',
    resolvers: { Query: { node: () => ({ id: '1' }) }, Node: { child: () => null } },
    plugins: [queryLimitsPlugin({ maxDepth: 3, maxCost: 200 })],
  });

  it('refuses a query nested too deep, before resolving anything, with QUERY_TOO_COMPLEX and HTTP 400', async () => {
    const response = await server.executeOperation({ query: '{ node { child { child { id } } } }' });
    expect(response.http.status).toBe(400);
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.data).toBeUndefined();
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 4, maxDepth: 3 });
  });

  it('refuses a query too large once pages are multiplied, and answers one within the limits', async () => {
    const large = await server.executeOperation({ query: '{ node(first: 10) { child(first: 30) { id } } }' });
    const result = large.body.kind === 'single' ? large.body.singleResult : undefined;
    expect(result?.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      cost: 1 + 10 * (1 + 30),
      maxCost: 200,
    });
    expect(result?.errors?.[0]?.message).toContain('smaller pages');
    const fine = await server.executeOperation({ query: '{ node { child(first: 5) { id } } }' });
    expect(fine.body.kind === 'single' ? fine.body.singleResult : undefined).toEqual({
      data: { node: { child: null } },
    });
  });
});
