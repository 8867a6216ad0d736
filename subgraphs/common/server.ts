/**
 * One factory for every subgraph: schema from schema/<name>.graphql, Apollo Server with inline
 * tracing and the landing page off, per-request loaders, errors masked to the closed list.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type http from 'node:http';
import { type DocumentNode, GraphQLError } from 'graphql';
import type { ResolverMap } from './resolver-map.ts';
import type { SubgraphName } from '../../graph/names.ts';
import { listenApollo, type RunningHttpServer } from '../../runtime/apollo-http.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type Metrics, metricsRoute } from '../../runtime/metrics.ts';
import { staleAnswersPlugin } from '../../runtime/stale-extension.ts';
import { requestDeadline } from './deadline.ts';
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import type { SubgraphContext } from './context.ts';
import { type Admitted, admitRequest, type GatewayTrust } from './gateway-trust.ts';
import { maskError } from '../../graph/mask-errors.ts';
import { subgraphTypeDefs } from '../../graph/sdl.ts';
import { QUERY_LIMIT_DEFAULTS, type QueryLimits } from '../../graph/limits/config.ts';
import { demandFromSubgraph } from '../../graph/limits/demand.ts';
import { queryLimits } from '../../graph/limits/plugin.ts';
import type { OperationIdentity } from '../../graph/gateway-signature.ts';
import type { AuditTrail } from './audit/trail.ts';
import { auditPlugin } from './audit/plugin.ts';
import { RevealLog, enforcePersonalData } from './personal-data.ts';

/** How long a request may run when it brings no deadline of its own (SUBGRAPH_REQUEST_TIMEOUT_MS). */
export const DEFAULT_SUBGRAPH_REQUEST_TIMEOUT_MS = 15_000;

/** The module buildSubgraphSchema takes: typeDefs and resolvers. */
type SchemaModule = Exclude<Parameters<typeof buildSubgraphSchema>[0], DocumentNode | readonly unknown[]>;

export interface SubgraphDefinition<L> {
  readonly name: SubgraphName;
  readonly resolvers: ResolverMap<SubgraphContext<L>>;
  /** Fresh loaders for one request, reading for this caller (its districts: common/districts.ts). */
  readonly createLoaders: (caller: Caller) => L;
}

export function createSubgraphServer<L>(
  definition: SubgraphDefinition<L>,
  logger: Logger,
  limits: QueryLimits = QUERY_LIMIT_DEFAULTS,
  plugins: readonly ApolloServerPlugin<SubgraphContext<L>>[] = [],
): ApolloServer<SubgraphContext<L>> {
  const typeDefs = subgraphTypeDefs(definition.name);
  // The gateway's limits, with this subgraph's own @cost and @listSize: a caller going around the gateway meets them too.
  const guard = queryLimits({ limits, demand: demandFromSubgraph(definition.name, typeDefs) });
  // Our map differs from Apollo's only in typing parents as `never` rather than `any` (resolver-map.ts).
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: definition.resolvers as unknown as SchemaModule['resolvers'],
  });
  // Every @pii field masked or audited from its directive, whatever its resolver does (personal-data.ts).
  enforcePersonalData(schema);
  return new ApolloServer<SubgraphContext<L>>({
    schema,
    parseOptions: guard.parseOptions,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      guard.plugin,
      staleAnswersPlugin(),
      auditPlugin(definition.name, logger),
      ...plugins,
    ],
    formatError: maskError(logger),
    includeStacktraceInErrorResponses: false,
    // runtime/lifecycle.ts stops every part in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
  });
}

/**
 * `caller`: the one the gateway verified; tests running operations in process may give one. `audit`: where
 * unmasked reads are recorded; without one, personal data stays masked for every caller.
 */
export function createContext<L>(
  definition: SubgraphDefinition<L>,
  logger: Logger,
  requestId: string,
  caller: Caller = ANONYMOUS,
  deadline: number | undefined = undefined,
  audit: { trail: AuditTrail; operation: OperationIdentity | undefined } | undefined = undefined,
): SubgraphContext<L> {
  return {
    requestId,
    caller,
    deadline,
    logger: logger.child({ requestId }),
    loaders: definition.createLoaders(caller),
    ...(audit ? { audit: audit.trail, operation: audit.operation, reveals: new RevealLog() } : {}),
  };
}

export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  /**
   * `metrics`: served on GET /metrics (a standalone subgraph's legacy calls); the embedded start serves them on the
   * gateway. `trust`: how requests prove they come from the gateway (gateway-trust.ts). `requestTimeoutMs`: the
   * longest a request may run, and its deadline when it brings none. `beforeAnswer`: awaited before each answer
   * leaves; the embedded start delivers the request's call records to observers on the gateway's thread first, so
   * a caller that has the answer has its records too.
   */
  options: {
    host: string;
    port: number;
    logger: Logger;
    metrics?: Metrics;
    trust: GatewayTrust;
    limits?: QueryLimits;
    requestTimeoutMs?: number;
    beforeAnswer?: () => Promise<void>;
    /** The personal-data audit trail (audit/config.ts); without it personal data stays masked for every caller. */
    audit?: AuditTrail;
  },
): Promise<RunningHttpServer> {
  const logger = options.logger.child({ subgraph: definition.name });
  if (options.trust.kind === 'unchecked')
    logger.warn(
      'SUBGRAPH_ACCEPT_UNSIGNED: requests are not checked for the gateway signature; every caller is anonymous',
    );
  const { beforeAnswer, trust } = options;
  const server = createSubgraphServer(
    definition,
    logger,
    options.limits,
    beforeAnswer ? [{ requestDidStart: async () => ({ willSendResponse: () => beforeAnswer() }) }] : [],
  );
  // Each request is admitted once: its deadline (known before execution) and its context come from one check.
  const admissions = new WeakMap<http.IncomingMessage, Admitted | GraphQLError>();
  const admit = (req: http.IncomingMessage, requestId: string, body: string): Admitted | GraphQLError => {
    let admitted = admissions.get(req);
    if (admitted === undefined) {
      try {
        admitted = admitRequest(trust, req, body, requestId, Date.now());
      } catch (error) {
        admitted = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      }
      admissions.set(req, admitted);
    }
    return admitted;
  };
  await server.start();
  const http = await listenApollo({
    server,
    host: options.host,
    port: options.port,
    context: async (req, requestId, body) => {
      const admitted = admit(req, requestId, body);
      if (admitted instanceof GraphQLError) throw admitted;
      const audit = options.audit && { trail: options.audit, operation: admitted.operation };
      return createContext(definition, logger, admitted.requestId, admitted.caller, admitted.deadline, audit);
    },
    // Each request runs in a scope ending at its deadline or when its caller goes away (runtime/request-scope.ts).
    deadline: (req, requestId, body) => {
      const admitted = admit(req, requestId, body);
      return requestDeadline(
        admitted instanceof GraphQLError ? undefined : admitted.deadline,
        Date.now(),
        options.requestTimeoutMs ?? DEFAULT_SUBGRAPH_REQUEST_TIMEOUT_MS,
      );
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
