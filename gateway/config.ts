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
import { SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { type CallersConfig, type GatewayProfile, readCallersConfig } from './callers/config.ts';

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly supergraphPath: string;
  /** Subgraph URLs that replace the ones written in the supergraph. */
  readonly subgraphUrls: Partial<Record<SubgraphName, string>>;
  readonly subgraphTimeoutMs: number;
  readonly readyTimeoutMs: number;
  readonly maxBodyBytes: number;
  /** Deepest field nesting an operation may have (gateway/query-limits.ts). */
  readonly maxQueryDepth: number;
  /** Largest estimated number of field values an answer may hold, pages multiplied (gateway/query-limits.ts). */
  readonly maxQueryCost: number;
  readonly explorer: boolean;
  readonly introspection: boolean;
  readonly logLevel: LogLevel;
  /** Identity, signing, rate limits and registered operations (gateway/callers/config.ts). */
  readonly callers: CallersConfig;
}

export const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 4000,
  supergraphPath: fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url)),
  subgraphTimeoutMs: 15_000,
  readyTimeoutMs: 2_000,
  maxBodyBytes: 1_000_000,
  maxQueryDepth: 12,
  maxQueryCost: 20_000,
  explorer: true,
  introspection: true,
} as const satisfies Omit<GatewayConfig, 'subgraphUrls' | 'logLevel' | 'callers'>;

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
    readyTimeoutMs: readInt(env, 'GATEWAY_READY_TIMEOUT_MS', GATEWAY_DEFAULTS.readyTimeoutMs, {
      min: 100,
      max: 60_000,
    }),
    maxBodyBytes: readInt(env, 'GATEWAY_MAX_BODY_BYTES', GATEWAY_DEFAULTS.maxBodyBytes, {
      min: 1_000,
      max: 50_000_000,
    }),
    maxQueryDepth: readInt(env, 'GATEWAY_MAX_QUERY_DEPTH', GATEWAY_DEFAULTS.maxQueryDepth, { min: 2, max: 100 }),
    maxQueryCost: readInt(env, 'GATEWAY_MAX_QUERY_COST', GATEWAY_DEFAULTS.maxQueryCost, { min: 10, max: 10_000_000 }),
    explorer: readBool(env, 'GATEWAY_EXPLORER', GATEWAY_DEFAULTS.explorer),
    introspection: readBool(env, 'GATEWAY_INTROSPECTION', GATEWAY_DEFAULTS.introspection),
    logLevel: readLogLevel(env),
    callers: readCallersConfig(env, profile),
  };
}
