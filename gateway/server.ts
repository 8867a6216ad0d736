/**
 * The federation gateway: the static supergraph, Apollo Gateway over the four subgraphs, and the
 * gateway's own routes (explorer, health, readiness). Apollo's usage reporting, schema reporting and
 * landing page are off: the gateway makes no outbound call but to its subgraphs (and Redis, when rate
 * limits are shared). Callers are identified and rate-limited before Apollo parses a request
 * (context.ts), scopes are enforced as the operation is planned (scopes/), and every subgraph fetch
 * carries the verified caller, signed (subgraph-source.ts).
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { listenApollo, type RunningHttpServer } from '../runtime/apollo-http.ts';
import { startHealthListener } from '../runtime/health-listener.ts';
import type { Logger } from '../runtime/logger.ts';
import { maskError } from '../graph/mask-errors.ts';
import type { GatewayConfig } from './config.ts';
import { type GatewayContext, gatewayContext } from './context.ts';
import { explorerRoute } from './explorer.ts';
import { dashboardRoute } from './dashboard.ts';
import { healthRoute, readyRoute } from './health.ts';
import { requestLogPlugin } from './request-log.ts';
import { requestMetrics } from './request-metrics.ts';
import { Metrics, metricsRoute } from '../runtime/metrics.ts';
import { demandFromSupergraph } from '../graph/limits/demand.ts';
import { queryLimits } from '../graph/limits/plugin.ts';
import { admissionGuard } from './admission.ts';
import { staleAnswersPlugin } from '../runtime/stale-extension.ts';
import { type SubgraphSource, createSubgraphSource } from './subgraph-source.ts';
import { startResponseCache } from './cache/start.ts';
import { GATEWAY_CALLER_HEADER, signCallerHeader } from '../graph/gateway-signature.ts';
import type { Caller } from '../graph/caller.ts';
import { startClientRegistry } from './callers/client-registry.ts';
import { createIdentify } from './callers/identify.ts';
import { manifestCache, readManifest, safelistPlugin } from './callers/persisted-queries.ts';
import { memoryRateLimiter, type RateLimiter } from './callers/rate-limit.ts';
import { redisRateLimiter } from './callers/redis-rate-limit.ts';
import { createTokenVerifier } from './callers/tokens.ts';
import { readScopePolicy } from './scopes/policy.ts';
import { scopedGateway } from './scopes/scoped-gateway.ts';
import type { GraphQLSchema } from 'graphql';
import type { LiveEvent } from '../graph/live-events.ts';
import { startLive } from './live/index.ts';
import { type Bus, memoryBus } from '../runtime/bus/bus.ts';
import { redisBus } from '../runtime/bus/redis.ts';
import { subscriptionsElsewherePlugin } from './live/plain-request.ts';

/** Who the readiness probe is: the gateway itself, asking nothing but `__typename`. */
const PROBE_CALLER: Caller = { subject: 'gateway:ready', client: undefined, scopes: new Set(), districts: undefined };

export interface RunningGateway extends RunningHttpServer {
  /** GET /health on its own port and thread, when GATEWAY_HEALTH_PORT is set; else the gateway's own /health. */
  readonly healthUrl: string;
  /** The URL each subgraph is reached at, after configuration overrides. */
  readonly subgraphs: ReadonlyMap<string, string>;
  /** Publishes live events on the gateway's bus (the embedded start's feed followers). */
  publishLive(events: readonly LiveEvent[]): void;
}

/**
 * `metrics`: the process's registry, rendered on GET /metrics; the embedded start passes the one its
 * adapters also record legacy calls into, so one scrape covers the whole process.
 */
export async function startGateway(
  config: GatewayConfig,
  rootLogger: Logger,
  metrics: Metrics = new Metrics(),
): Promise<RunningGateway> {
  const logger = rootLogger.child({ component: 'gateway' });
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const policy = readScopePolicy(supergraphSdl);
  const manifest = readManifest(config.callers.persistedQueriesPath);
  const { callers } = config;
  const tokens = callers.jwt ? createTokenVerifier(callers.jwt) : undefined;
  const clients = await startClientRegistry(callers.clients, callers.clientsRefreshMs, logger);
  const limiter: RateLimiter = callers.rateLimit.redisUrl
    ? redisRateLimiter(callers.rateLimit.redisUrl, callers.rateLimit.redisPrefix, logger)
    : memoryRateLimiter();
  const requests = requestMetrics(metrics);
  const subgraphs = new Map<string, string>();
  const sources: SubgraphSource[] = [];
  // The live bus carries the subscriptions' events and the recounts that invalidate cached answers:
  // Redis pub/sub when REDIS_URL is set and either needs it, else this process's own.
  const bus: Bus =
    callers.rateLimit.redisUrl && (config.live.enabled || config.responseCache.enabled)
      ? await redisBus(callers.rateLimit.redisUrl, config.live.channel, logger.child({ component: 'live' }))
      : memoryBus();
  const responseCache = startResponseCache(config.responseCache, callers.rateLimit.redisUrl, bus, metrics, logger);
  // Apollo Gateway exports usage metrics to Apollo, and probes cloud metadata services, unless this
  // variable is set when it is constructed. Government networks are closed: it is never allowed.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']] ?? url;
      if (!target) throw new Error(`Subgraph ${name} has no URL in the supergraph and none is configured`);
      subgraphs.set(name, target);
      const source = createSubgraphSource({
        name,
        url: target,
        timeoutMs: config.subgraphTimeoutMs,
        metrics,
        signingSecret: callers.signingSecret,
        dedupe: config.subgraphDedupe,
      });
      sources.push(source);
      return source;
    },
  });
  // The published schema, for planning subscriptions (gateway/live), which Apollo Gateway cannot execute.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  // Demand control reads @cost and @listSize from the supergraph served, once.
  const limits = queryLimits({ limits: config.queryLimits, demand: demandFromSupergraph(supergraphSdl), metrics });
  const server = new ApolloServer<GatewayContext>({
    gateway: scopedGateway(gateway, policy),
    parseOptions: limits.parseOptions,
    persistedQueries: { cache: manifestCache(manifest) },
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // runtime/lifecycle.ts stops every part in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: maskError(logger),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(logger.child({ component: 'request' })),
      requests.plugin,
      safelistPlugin(),
      subscriptionsElsewherePlugin(),
      limits.plugin,
      staleAnswersPlugin(),
      ...responseCache.plugins,
    ],
  });
  await server.start();
  const identify = createIdentify({ tokens, clients, anonymous: callers.anonymous });
  const live = config.live.enabled
    ? startLive({
        config: config.live,
        bus,
        redisUrl: callers.rateLimit.redisUrl,
        server,
        schema: () => apiSchema,
        identify,
        policy,
        requestTimeoutMs: config.requestTimeoutMs,
        maxTokens: config.queryLimits.maxTokens,
        manifest,
        maxBodyBytes: config.maxBodyBytes,
        path: '/graphql',
        logger,
        metrics,
      })
    : undefined;
  const http = await listenApollo({
    server,
    host: config.host,
    port: config.port,
    maxBodyBytes: config.maxBodyBytes,
    guard: admissionGuard(
      {
        maxConcurrent: config.maxConcurrentRequests,
        maxQueued: config.maxQueuedRequests,
        queueTimeoutMs: config.queueTimeoutMs,
      },
      metrics,
    ),
    context: gatewayContext({
      identify,
      limiter,
      defaultRate: callers.rateLimit,
      budgetMs: config.requestTimeoutMs,
      logger: logger.child({ component: 'request' }),
      onRefused: requests.refused,
    }),
    // Each GraphQL request runs in a scope ending at its deadline or when the client goes away.
    deadline: () => Date.now() + config.requestTimeoutMs,
    upgrade: live?.upgrade,
    routes: [
      ...(live?.routes ?? []),
      healthRoute(),
      readyRoute(
        () => subgraphs,
        config.readyTimeoutMs,
        (body) => ({
          [GATEWAY_CALLER_HEADER]: signCallerHeader(
            { caller: PROBE_CALLER, requestId: 'ready', deadline: Date.now() + config.readyTimeoutMs },
            body,
            callers.signingSecret,
            Date.now(),
          ),
        }),
      ),
      metricsRoute(metrics),
      ...(config.explorer ? [explorerRoute('/graphql')] : []),
      ...(config.live.dashboard ? [dashboardRoute(manifest, identify)] : []),
    ],
  });
  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthListener(config.host, config.healthPort, config.healthStallMs).catch(
          async (error: unknown) => {
            await http.stop();
            throw error;
          },
        );
  logger.info(
    {
      url: http.url,
      health: health?.url,
      subgraphs: Object.fromEntries(subgraphs),
      anonymous: callers.anonymous ? 'allowed' : 'refused',
      tokens: callers.jwt ? `${callers.jwt.key.kind} key, issuer ${callers.jwt.issuer}` : 'refused',
      rateLimits: callers.rateLimit.redisUrl ? 'redis' : 'process',
      responseCache: responseCache.where,
      scopedFields: policy.size,
    },
    'gateway listening',
  );
  return {
    ...http,
    healthUrl: health?.url ?? new URL('/health', http.url).href,
    subgraphs,
    // Also with subscriptions off: the response cache hears the recounts.
    publishLive: (events) => {
      for (const event of events)
        bus.publish(event).catch((error: unknown) => logger.warn({ err: error }, 'live event not published'));
    },
    async stop() {
      // Every subscription is completed and its connection closed before the server stops taking requests.
      await live?.stop();
      await health?.stop();
      await http.stop();
      await server.stop();
      await clients.stop();
      await limiter.stop();
      await responseCache.stop();
      await bus.stop();
      await Promise.all(sources.map((source) => source.close()));
    },
  };
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the supergraph at ${path} (SUPERGRAPH_PATH): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
