/**
 * A subgraph called directly, around the gateway, meets the gateway's limits with its own SDL's @cost and
 * @listSize: the inspection subgraph's server, over a search that counts its calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMIT_DEFAULTS, type QueryLimits } from '../../graph/limits/config.ts';
import type { RunningHttpServer } from '../../runtime/apollo-http.ts';
import { createLogger } from '../../runtime/logger.ts';
import { postForAnswer } from '../../test/support/graphql.ts';
import { aliasedIntrospection, aliasedSearch, doublingChain } from '../../test/support/hostile-queries.ts';
import { toConnection, toPage } from './connection.ts';
import { startSubgraph } from './server.ts';
import { TEST_TRUST } from '../../test/support/callers.ts';

describe('limits on a subgraph called directly', () => {
  let searches = 0;
  const servers: RunningHttpServer[] = [];
  const start = (limits: QueryLimits) =>
    startSubgraph(
      {
        name: 'inspection',
        createLoaders: () => ({}),
        resolvers: {
          Query: {
            equipmentSearch: (_: never, args: { first?: number }) => {
              searches++;
              return toConnection([], toPage(args), 0);
            },
            districts: () => [{ code: '310115' }],
          },
        },
      },
      {
        host: '127.0.0.1',
        port: 0,
        logger: createLogger({ level: 'silent', name: 'test' }),
        limits,
        trust: TEST_TRUST,
      },
    ).then((server) => (servers.push(server), server));
  let strict: RunningHttpServer;
  let loose: RunningHttpServer;

  beforeAll(async () => {
    strict = await start(QUERY_LIMIT_DEFAULTS);
    loose = await start({ ...QUERY_LIMIT_DEFAULTS, maxTokens: 100_000, maxAliases: 10_000 });
  });

  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  const post = (server: RunningHttpServer, query: string) => postForAnswer(server.url, query);

  it('answers what is within the limits', async () => {
    const answer = await post(strict, '{ equipmentSearch(first: 1) { totalCount } }');
    expect(answer.body).toEqual({ data: { equipmentSearch: { totalCount: 0 } } });
    expect(searches).toBe(1);
  });

  it('refuses the hostile operations of the gateway before resolving anything', async () => {
    searches = 0;
    const refused = async (server: RunningHttpServer, query: string, expected: Record<string, unknown>) => {
      const answer = await post(server, query);
      expect(answer.status).toBe(400);
      expect(answer.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', ...expected });
    };
    await refused(strict, aliasedSearch(1000), { exceeded: 'tokens', limit: 5_000 });
    await refused(loose, aliasedSearch(1000), { exceeded: 'cost', limit: 20_000, measured: 50_000 });
    await refused(strict, doublingChain(30), { exceeded: 'cost', measured: 2 ** 29 * 16 });
    await refused(strict, aliasedIntrospection(300), { exceeded: 'introspection', measured: 300 });
    expect(searches).toBe(0);
  });
});
