/**
 * One factory for every subgraph: schema from schema/<name>.graphql, Apollo Server with inline
 * tracing and the landing page off, per-request loaders, errors masked to the closed list.
 */
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { ResolverMap } from './resolver-map.ts';
import type { SubgraphName } from '../../graph/names.ts';
import { listenApollo, type RunningHttpServer } from '../../runtime/apollo-http.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type Metrics, metricsRoute } from '../../runtime/metrics.ts';
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import type { SubgraphContext } from './context.ts';
import { admitRequest, type GatewayTrust } from './gateway-trust.ts';
import { maskError } from '../../graph/mask-errors.ts';
import { subgraphTypeDefs } from '../../graph/sdl.ts';

/** The module buildSubgraphSchema takes: typeDefs and resolvers. */
type SchemaModule = Exclude<Parameters<typeof buildSubgraphSchema>[0], DocumentNode | readonly unknown[]>;

export interface SubgraphDefinition<L> {
  readonly name: SubgraphName;
  readonly resolvers: ResolverMap<SubgraphContext<L>>;
  /** Fresh loaders for one request. */
  readonly createLoaders: () => L;
}

export function createSubgraphServer<L>(
  definition: SubgraphDefinition<L>,
  logger: Logger,
): ApolloServer<SubgraphContext<L>> {
  const typeDefs = subgraphTypeDefs(definition.name);
  return new ApolloServer<SubgraphContext<L>>({
    // Our map differs from Apollo's only in typing parents as `never` rather than `any` (resolver-map.ts).
    schema: buildSubgraphSchema({ typeDefs, resolvers: definition.resolvers as unknown as SchemaModule['resolvers'] }),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled()],
    formatError: maskError(logger),
    includeStacktraceInErrorResponses: false,
    // runtime/lifecycle.ts stops every part in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
  });
}

/** `caller`: the one the gateway verified; tests running operations in process may give one. */
export function createContext<L>(
  definition: SubgraphDefinition<L>,
  logger: Logger,
  requestId: string,
  caller: Caller = ANONYMOUS,
  deadline: number | undefined = undefined,
): SubgraphContext<L> {
  return {
    requestId,
    caller,
    deadline,
    logger: logger.child({ requestId }),
    loaders: definition.createLoaders(),
  };
}

export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  /**
   * `metrics`: served on GET /metrics (a standalone subgraph's legacy calls); the embedded start serves them on the
   * gateway. `trust`: how requests prove they come from the gateway (gateway-trust.ts).
   */
  options: { host: string; port: number; logger: Logger; metrics?: Metrics; trust: GatewayTrust },
): Promise<RunningHttpServer> {
  const logger = options.logger.child({ subgraph: definition.name });
  if (options.trust.kind === 'unchecked')
    logger.warn(
      'SUBGRAPH_ACCEPT_UNSIGNED: requests are not checked for the gateway signature; every caller is anonymous',
    );
  const server = createSubgraphServer(definition, logger);
  await server.start();
  const http = await listenApollo({
    server,
    host: options.host,
    port: options.port,
    context: async (req, requestId, body) => {
      const admitted = admitRequest(options.trust, req, body, requestId, Date.now());
      return createContext(definition, logger, admitted.requestId, admitted.caller, admitted.deadline);
    },
    routes: options.metrics ? [metricsRoute(options.metrics)] : [],
  });
  return {
    ...http,
    async stop() {
      await http.stop();
      await server.stop();
    },
  };
}
