/**
 * The federation gateway: the static supergraph, Apollo Gateway over the four subgraphs, and the
 * gateway's own routes (explorer, health, readiness). Apollo's usage reporting, schema reporting and
 * landing page are off: the gateway makes no outbound call but to its subgraphs.
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
import type { Logger } from '../runtime/logger.ts';
import { maskError } from '../graph/mask-errors.ts';
import type { GatewayConfig } from './config.ts';
import { type GatewayContext, gatewayContext } from './context.ts';
import { explorerRoute } from './explorer.ts';
import { healthRoute, readyRoute } from './health.ts';
import { requestLogPlugin } from './request-log.ts';
import { requestMetricsPlugin } from './request-metrics.ts';
import { Metrics, metricsRoute } from '../runtime/metrics.ts';
import { demandFromSupergraph } from '../graph/limits/demand.ts';
import { queryLimits } from '../graph/limits/plugin.ts';
import { admissionGuard } from './admission.ts';
import { staleAnswersPlugin } from '../runtime/stale-extension.ts';
import { createSubgraphSource } from './subgraph-source.ts';

export interface RunningGateway extends RunningHttpServer {
  /** The URL each subgraph is reached at, after configuration overrides. */
  readonly subgraphs: ReadonlyMap<string, string>;
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
  const subgraphs = new Map<string, string>();
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
      return createSubgraphSource(name, target, config.subgraphTimeoutMs, metrics);
    },
  });
  // Demand control reads @cost and @listSize from the supergraph served, once.
  const limits = queryLimits({ limits: config.queryLimits, demand: demandFromSupergraph(supergraphSdl), metrics });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    parseOptions: limits.parseOptions,
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
      requestMetricsPlugin(metrics),
      limits.plugin,
      staleAnswersPlugin(),
    ],
  });
  await server.start();
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
    context: async (req, requestId) => gatewayContext(req, requestId),
    // Each GraphQL request runs in a scope ending at its deadline or when the client goes away.
    deadline: () => Date.now() + config.requestTimeoutMs,
    routes: [
      healthRoute(),
      readyRoute(() => subgraphs, config.readyTimeoutMs),
      metricsRoute(metrics),
      ...(config.explorer ? [explorerRoute('/graphql')] : []),
    ],
  });
  logger.info({ url: http.url, subgraphs: Object.fromEntries(subgraphs) }, 'gateway listening');
  return {
    ...http,
    subgraphs,
    async stop() {
      await http.stop();
      await server.stop();
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
