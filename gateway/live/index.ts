/**
 * The gateway's live view, wired: the gateway's bus (Redis pub/sub when REDIS_URL is set, else the
 * process's own; gateway/server.ts opens it), the hub resolving each event through this gateway's own
 * executor (ApolloServer.executeOperation: the same plan cache, scopes, limits, signed subgraph fetches
 * and request deadline as an HTTP request), and the two transports on /graphql. Stopping completes every subscription before closing connections.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { Caller } from '../../graph/caller.ts';
import type { Route } from '../../runtime/apollo-http.ts';
import type { Bus } from '../../runtime/bus/bus.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import { RequestScope, runInRequestScope } from '../../runtime/request-scope.ts';
import type { Identify } from '../callers/identify.ts';
import type { PersistedQueryManifest } from '../callers/persisted-queries.ts';
import type { GatewayContext } from '../context.ts';
import type { ScopePolicy } from '../scopes/policy.ts';
import type { LiveConfig } from './config.ts';
import { startLiveService } from './service.ts';
import { sseTransport } from './sse.ts';
import { webSocketTransport } from './websocket.ts';

export interface RunningLive {
  readonly routes: readonly Route[];
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  stop(): Promise<void>;
}

/** The largest subscription message either transport reads (the gateway's body limit when lower). */
const MAX_SUBSCRIBE_BYTES = 64 * 1024;

export function startLive(options: {
  readonly config: LiveConfig;
  /** The gateway's bus (it outlives the live view: the response cache listens to it too). */
  readonly bus: Bus;
  /** For the start-up log line: where the bus runs. */
  readonly redisUrl: string | undefined;
  readonly server: ApolloServer<GatewayContext>;
  readonly schema: () => GraphQLSchema | undefined;
  readonly identify: Identify;
  readonly policy: ScopePolicy;
  readonly requestTimeoutMs: number;
  readonly maxTokens: number;
  readonly manifest: PersistedQueryManifest;
  readonly maxBodyBytes: number;
  readonly path: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}): RunningLive {
  const logger = options.logger.child({ component: 'live' });
  const { bus } = options;
  const service = startLiveService({
    config: options.config,
    schema: options.schema,
    identify: options.identify,
    policy: options.policy,
    resolve: (query, variables, caller) =>
      resolveAs(options.server, query, variables, caller, options.requestTimeoutMs),
    maxTokens: options.maxTokens,
    manifest: options.manifest,
    bus,
    logger,
    metrics: options.metrics,
  });
  // A subscription's message holds an operation and its variables: one bound on both transports, so
  // a crowd opening subscriptions holds at most this much each while its message is read.
  const maxMessageBytes = Math.min(options.maxBodyBytes, MAX_SUBSCRIBE_BYTES);
  const transport = { service, schema: options.schema, path: options.path, logger, maxMessageBytes };
  const sse = sseTransport(transport);
  const ws = webSocketTransport(transport);
  logger.info({ bus: options.redisUrl ? 'redis' : 'process', channel: options.config.channel }, 'live view ready');
  return {
    routes: [sse.route],
    upgrade: (req, socket, head) => ws.upgrade(req, socket, head),
    async stop() {
      await service.stop();
      await sse.stop();
      await ws.stop();
    },
  };
}

/** Runs one resolving query as the caller, under a request's deadline, as an HTTP request would run. */
async function resolveAs(
  server: ApolloServer<GatewayContext>,
  query: string,
  variables: Readonly<Record<string, unknown>>,
  caller: Caller,
  timeoutMs: number,
): Promise<ExecutionResult> {
  const deadline = Date.now() + timeoutMs;
  const scope = new RequestScope(deadline);
  try {
    const contextValue: GatewayContext = {
      requestId: `live-${randomUUID()}`,
      client: caller.client ?? 'live',
      caller,
      callerKind: caller.client ? 'key' : caller.subject === 'anonymous' ? 'anonymous' : 'token',
      deadline,
      // The subscription was checked when it was opened; its resolving query is the gateway's own.
      safelist: undefined,
    };
    const response = await runInRequestScope(scope, () =>
      server.executeOperation({ query, variables: { ...variables } }, { contextValue }),
    );
    if (response.body.kind !== 'single') throw new Error('a live event query answered incrementally');
    return response.body.singleResult as ExecutionResult;
  } finally {
    scope.dispose();
  }
}
