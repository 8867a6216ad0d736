/**
 * The limits plugin on a real Apollo subgraph served over HTTP: each limit refuses with QUERY_TOO_COMPLEX and
 * the limit it names, before any resolver runs; what is within the limits is answered.
 */
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listenApollo, type RunningHttpServer } from '../../runtime/apollo-http.ts';
import { Metrics } from '../../runtime/metrics.ts';
import { postForAnswer } from '../../test/support/graphql.ts';
import { demandFromSubgraph } from './demand.ts';
import { queryLimits } from './plugin.ts';

const sdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
  type Query {
    search(first: Int = 20): Page! @cost(weight: 50) @listSize(slicingArguments: ["first"], sizedFields: ["items"])
    item(id: ID!): Item @cost(weight: 5)
  }
  type Page { total: Int! items: [Item!]! }
  type Item @key(fields: "id") { id: ID! child: Item }`;

const LIMITS = { maxDepth: 4, maxCost: 500, maxAliases: 3, maxTokens: 200 };

describe('query limits on a subgraph', () => {
  let http: RunningHttpServer;
  let server: ApolloServer;
  let resolved = 0;
  const metrics = new Metrics({ defaults: false });

  beforeAll(async () => {
    const item = (id: string) => ({ id, child: null });
    const limits = queryLimits({ limits: LIMITS, demand: demandFromSubgraph('tiny', sdl), metrics });
    server = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: {
            search: (_: unknown, { first }: { first: number }) => {
              resolved++;
              return { total: first, items: Array.from({ length: Math.min(first, 3) }, (_v, i) => item(String(i))) };
            },
            item: (_: unknown, { id }: { id: string }) => (resolved++, item(id)),
          },
          Item: { __resolveReference: (ref: { id: string }) => (resolved++, item(ref.id)) },
        },
      }),
      parseOptions: limits.parseOptions,
      plugins: [limits.plugin],
    });
    await server.start();
    http = await listenApollo({ server, host: '127.0.0.1', port: 0, context: async () => ({}) });
  });

  afterAll(async () => {
    await http?.stop();
    await server?.stop();
  });

  beforeEach(() => {
    resolved = 0;
  });

  const post = (query: string, variables: Record<string, unknown> = {}) => postForAnswer(http.url, query, variables);

  const refusal = (exceeded: string, limit: number, measured?: number) => ({
    code: 'QUERY_TOO_COMPLEX',
    exceeded,
    limit,
    ...(measured === undefined ? {} : { measured }),
  });

  it('answers an operation within every limit', async () => {
    const answer = await post('{ search(first: 100) { total items { id } } a: item(id: "1") { id } }');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { search: { total: 100, items: [{ id: '0' }, { id: '1' }, { id: '2' }] }, a: { id: '1' } },
    });
    expect(resolved).toBe(2);
  });

  it('stops parsing at the first token over the limit, and says so; other syntax errors stay parse errors', async () => {
    const long = `{ ${Array.from({ length: 70 }, (_, i) => `f${i}: item(id: "${i}") { id }`).join(' ')} }`;
    const answer = await post(long);
    expect(answer.status).toBe(400);
    expect(answer.extensions).toEqual(refusal('tokens', 200));
    expect(resolved).toBe(0);
    const broken = await post('{ search(first: ');
    expect(broken.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses too many aliases, too deep a nesting and too high a cost, naming the limit and the measure', async () => {
    const aliases = await post(
      '{ a: item(id: "1") { id } b: item(id: "2") { id } c: item(id: "3") { id } d: item(id: "4") { id } }',
    );
    expect(aliases.status).toBe(400);
    expect(aliases.extensions).toEqual(refusal('aliases', 3, 4));
    const deep = await post('{ item(id: "1") { child { child { child { child { id } } } } } }');
    expect(deep.extensions).toEqual(refusal('depth', 4, 6));
    const costly = await post('query ($n: Int) { search(first: $n) { items { id } } }', { n: 451 });
    expect(costly.extensions).toEqual(refusal('cost', 500, 50 + 451));
    expect(costly.body.data).toBeUndefined();
    expect(resolved).toBe(0);
  });

  it('allows one introspection field, not nested past the standard query, costed like any field', async () => {
    expect((await post('{ __schema { types { name } } }')).status).toBe(200);
    const twice = await post('{ a: __schema { queryType { name } } b: __schema { queryType { name } } }');
    expect(twice.extensions).toEqual(refusal('introspection', 1, 2));
    const chain = `{ __type(name: "Item") { ${'ofType { '.repeat(15)}name${' }'.repeat(15)} } }`;
    expect((await post(chain)).extensions).toEqual(refusal('introspectionDepth', 15, 17));
  });

  it("sizes federation's _entities by the representations sent", async () => {
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { child { id } } } }';
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Item', id: String(i) }));
    expect((await post(entities, { r: representations(250) })).status).toBe(200);
    expect((await post(entities, { r: representations(251) })).extensions).toEqual(refusal('cost', 500, 251 * 2));
  });

  it('counts refusals by the limit exceeded', async () => {
    const count = async () =>
      (await metrics.render()).match(/^equipment_graph_operations_refused_total\{limit="depth"\} (\d+)$/m)?.[1];
    const before = Number((await count()) ?? 0);
    await post('{ item(id: "1") { child { child { child { child { id } } } } } }');
    expect(Number(await count())).toBe(before + 1);
  });
});
