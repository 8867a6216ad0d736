/**
 * The live view's settings (docs/configuration.md, "Live view"). The bus is Redis when REDIS_URL is set
 * (the rate limits' Redis), else the process's own.
 */
import { type Env, readBool, readInt, readString } from '../../runtime/env.ts';

export interface LiveConfig {
  /** Subscriptions on /graphql (graphql-ws, SSE); off: the gateway serves queries only. */
  readonly enabled: boolean;
  /** The dashboard page at GET /dashboard. */
  readonly dashboard: boolean;
  /** The Redis pub/sub channel of live events, when the bus is Redis. */
  readonly channel: string;
  readonly bufferSize: number;
  readonly maxPerProcess: number;
  readonly maxPerCaller: number;
  /** How often each subscriber's credential is checked again (a revoked key's subscriptions end). */
  readonly recheckMs: number;
  /** A connection holding no subscription this long is closed; a WebSocket peer that misses two pings too. */
  readonly idleMs: number;
}

const LIVE_DEFAULTS = {
  enabled: true,
  dashboard: true,
  channel: 'equipment-graph:live',
  // An operations screen receives a few events a minute; 64 unsent answers is a consumer that is not reading.
  bufferSize: 64,
  maxPerProcess: 10_000,
  maxPerCaller: 50,
  recheckMs: 30_000,
  idleMs: 60_000,
} as const satisfies LiveConfig;

export function readLiveConfig(env: Env): LiveConfig {
  return {
    enabled: readBool(env, 'GATEWAY_SUBSCRIPTIONS', LIVE_DEFAULTS.enabled),
    dashboard: readBool(env, 'GATEWAY_DASHBOARD', LIVE_DEFAULTS.dashboard),
    channel: readString(env, 'GATEWAY_LIVE_CHANNEL', LIVE_DEFAULTS.channel),
    bufferSize: readInt(env, 'GATEWAY_LIVE_BUFFER', LIVE_DEFAULTS.bufferSize, { min: 1, max: 10_000 }),
    maxPerProcess: readInt(env, 'GATEWAY_LIVE_MAX_SUBSCRIPTIONS', LIVE_DEFAULTS.maxPerProcess, {
      min: 1,
      max: 1_000_000,
    }),
    maxPerCaller: readInt(env, 'GATEWAY_LIVE_MAX_PER_CALLER', LIVE_DEFAULTS.maxPerCaller, { min: 1, max: 1_000_000 }),
    recheckMs: readInt(env, 'GATEWAY_LIVE_RECHECK_MS', LIVE_DEFAULTS.recheckMs, { min: 100, max: 3_600_000 }),
    idleMs: readInt(env, 'GATEWAY_LIVE_IDLE_MS', LIVE_DEFAULTS.idleMs, { min: 100, max: 3_600_000 }),
  };
}
