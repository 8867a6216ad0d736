/**
 * The gateway's configuration, read once at start-up. Every value has an embedded default; a bad
 * value stops start-up with a message naming the variable.
 */
import { fileURLToPath } from 'node:url';
import {
  type Env,
  type LogLevel,
  readBool,
  readInt,
  readLogLevel,
  readOptional,
  readPort,
  readString,
  readUrl,
} from '../runtime/env.ts';
import { type QueryLimits, readQueryLimits } from '../graph/limits/config.ts';
import { SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { type LiveConfig, readLiveConfig } from './live/config.ts';
import { type CallersConfig, type GatewayProfile, readCallersConfig } from './callers/config.ts';
import { type ResponseCacheConfig, readResponseCacheConfig } from './cache/config.ts';

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly supergraphPath: string;
  /** Subgraph URLs that replace the ones written in the supergraph. */
  readonly subgraphUrls: Partial<Record<SubgraphName, string>>;
  readonly subgraphTimeoutMs: number;
  /** Each GraphQL request's deadline: its subgraph fetches and their legacy calls stop by then. */
  readonly requestTimeoutMs: number;
  readonly readyTimeoutMs: number;
  /** GET /health also on this port, answered by a thread of its own (runtime/health-listener.ts); undefined: none. */
  readonly healthPort: number | undefined;
  /** How long the gateway's event loop may not run before that listener answers 503. */
  readonly healthStallMs: number;
  readonly maxBodyBytes: number;
  /** Depth, cost, aliases and tokens an operation may have (graph/limits). */
  readonly queryLimits: QueryLimits;
  /** GraphQL requests at work at once; more wait in the queue (gateway/admission.ts). */
  readonly maxConcurrentRequests: number;
  /** GraphQL requests waiting for a place; more are refused at once with OVERLOADED. */
  readonly maxQueuedRequests: number;
  /** How long a request may wait for a place before it is refused with OVERLOADED. */
  readonly queueTimeoutMs: number;
  readonly explorer: boolean;
  readonly introspection: boolean;
  readonly logLevel: LogLevel;
  /** Identity, signing, rate limits and registered operations (gateway/callers/config.ts). */
  readonly callers: CallersConfig;
  /** Whole answers kept for callers with the same rights (gateway/cache/). */
  readonly responseCache: ResponseCacheConfig;
  /** Whether identical subgraph query fetches in flight for callers with the same rights are sent once. */
  readonly subgraphDedupe: boolean;
  /** Subscriptions and the dashboard (gateway/live/config.ts). */
  readonly live: LiveConfig;
}

const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 4000,
  supergraphPath: fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url)),
  subgraphTimeoutMs: 15_000,
  // Below the subgraph timeout, so a request's own deadline is what ends it, with the partial answer.
  requestTimeoutMs: 10_000,
  readyTimeoutMs: 2_000,
  healthStallMs: 5_000,
  maxBodyBytes: 1_000_000,
  // For 2 cores (bench/hostile.ts): 32 at work answered no more per second than 16 did, at twice the latency;
  // a queue of 32 drains within its one-second timeout.
  maxConcurrentRequests: 16,
  maxQueuedRequests: 32,
  queueTimeoutMs: 1_000,
  explorer: true,
  introspection: true,
} as const satisfies Omit<
  GatewayConfig,
  'subgraphUrls' | 'logLevel' | 'queryLimits' | 'callers' | 'responseCache' | 'subgraphDedupe' | 'live' | 'healthPort'
>;

/**
 * `profile`: `standalone` (npm run start:gateway, containers, production: anonymous callers refused, the
 * signing secret required) or `embedded` (npm start: anonymous callers read, a signing secret per start).
 */
export function readGatewayConfig(env: Env, profile: GatewayProfile = 'standalone'): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPHS) {
    const variable = `SUBGRAPH_URL_${name.toUpperCase()}`;
    if (readOptional(env, variable) !== undefined) subgraphUrls[name] = readUrl(env, variable, '');
  }
  return {
    host: readString(env, 'GATEWAY_HOST', GATEWAY_DEFAULTS.host),
    port: readPort(env, 'GATEWAY_PORT', GATEWAY_DEFAULTS.port),
    supergraphPath: readString(env, 'SUPERGRAPH_PATH', GATEWAY_DEFAULTS.supergraphPath),
    subgraphUrls,
    subgraphTimeoutMs: readInt(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', GATEWAY_DEFAULTS.subgraphTimeoutMs, {
      min: 100,
      max: 300_000,
    }),
    requestTimeoutMs: readInt(env, 'GATEWAY_REQUEST_TIMEOUT_MS', GATEWAY_DEFAULTS.requestTimeoutMs, {
      min: 100,
      max: 300_000,
    }),
    readyTimeoutMs: readInt(env, 'GATEWAY_READY_TIMEOUT_MS', GATEWAY_DEFAULTS.readyTimeoutMs, {
      min: 100,
      max: 60_000,
    }),
    healthPort:
      readOptional(env, 'GATEWAY_HEALTH_PORT') === undefined ? undefined : readPort(env, 'GATEWAY_HEALTH_PORT', 0),
    healthStallMs: readInt(env, 'GATEWAY_HEALTH_STALL_MS', GATEWAY_DEFAULTS.healthStallMs, { min: 500, max: 600_000 }),
    maxBodyBytes: readInt(env, 'GATEWAY_MAX_BODY_BYTES', GATEWAY_DEFAULTS.maxBodyBytes, {
      min: 1_000,
      max: 50_000_000,
    }),
    queryLimits: readQueryLimits(env, 'GATEWAY'),
    maxConcurrentRequests: readInt(env, 'GATEWAY_MAX_CONCURRENT_REQUESTS', GATEWAY_DEFAULTS.maxConcurrentRequests, {
      min: 1,
      max: 10_000,
    }),
    maxQueuedRequests: readInt(env, 'GATEWAY_MAX_QUEUED_REQUESTS', GATEWAY_DEFAULTS.maxQueuedRequests, {
      min: 0,
      max: 100_000,
    }),
    queueTimeoutMs: readInt(env, 'GATEWAY_QUEUE_TIMEOUT_MS', GATEWAY_DEFAULTS.queueTimeoutMs, { min: 10, max: 60_000 }),
    explorer: readBool(env, 'GATEWAY_EXPLORER', GATEWAY_DEFAULTS.explorer),
    introspection: readBool(env, 'GATEWAY_INTROSPECTION', GATEWAY_DEFAULTS.introspection),
    logLevel: readLogLevel(env),
    callers: readCallersConfig(env, profile),
    responseCache: readResponseCacheConfig(env),
    subgraphDedupe: readBool(env, 'GATEWAY_SUBGRAPH_DEDUPE', true),
    live: readLiveConfig(env),
  };
}
