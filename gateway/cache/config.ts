/**
 * The response cache's settings (docs/configuration.md): whether it runs, the longest an answer is
 * kept, and the memory it may use in this process. Where entries live: Redis when REDIS_URL is set
 * (shared by every gateway process), else this process's memory.
 */
import { type Env, readEnum, readInt, readString } from '../../runtime/env.ts';

export interface ResponseCacheConfig {
  readonly enabled: boolean;
  /** The longest an answer is served from the cache, whatever its data's freshness says. */
  readonly maxAgeMs: number;
  /** Bytes of answers (their JSON) kept in this process when Redis is not used. */
  readonly maxBytes: number;
  /** Key prefix in Redis. */
  readonly redisPrefix: string;
}

const DEFAULTS = {
  maxAgeSeconds: 10,
  maxBytes: 64 * 1024 * 1024,
  redisPrefix: 'equipment-graph:answers:',
} as const;

export function readResponseCacheConfig(env: Env): ResponseCacheConfig {
  return {
    enabled: readEnum(env, 'GATEWAY_RESPONSE_CACHE', 'on', ['on', 'off'] as const) === 'on',
    maxAgeMs: readInt(env, 'GATEWAY_RESPONSE_CACHE_MAX_AGE_S', DEFAULTS.maxAgeSeconds, { min: 1, max: 3_600 }) * 1000,
    maxBytes: readInt(env, 'GATEWAY_RESPONSE_CACHE_MAX_BYTES', DEFAULTS.maxBytes, {
      min: 1024 * 1024,
      max: 4 * 1024 * 1024 * 1024,
    }),
    redisPrefix: readString(env, 'GATEWAY_RESPONSE_CACHE_REDIS_PREFIX', DEFAULTS.redisPrefix),
  };
}
