/**
 * The response cache as the gateway runs it: off (GATEWAY_RESPONSE_CACHE=off: Apollo's default
 * `Cache-Control: no-store` on every answer), in Redis when REDIS_URL is set, else in this process;
 * invalidated by the figures events of the live bus (`bus`: Redis pub/sub with REDIS_URL).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Bus } from '../../runtime/bus/bus.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import type { GatewayContext } from '../context.ts';
import type { ResponseCacheConfig } from './config.ts';
import { followInvalidations } from './invalidation.ts';
import { memoryAnswerStore } from './memory-store.ts';
import { responseCachePlugin } from './plugin.ts';
import { redisAnswerStore } from './redis-store.ts';

export interface RunningResponseCache {
  /** Apollo Server plugins to install (Apollo's own cache-control headers give way to the cache's). */
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
  /** For the start-up log line: off, memory or redis. */
  readonly where: 'off' | 'memory' | 'redis';
  stop(): Promise<void>;
}

export function startResponseCache(
  config: ResponseCacheConfig,
  redisUrl: string | undefined,
  bus: Bus,
  metrics: Metrics,
  logger: Logger,
): RunningResponseCache {
  if (!config.enabled) return { plugins: [], where: 'off', stop: () => Promise.resolve() };
  const store = redisUrl ? redisAnswerStore(redisUrl, config.redisPrefix, logger) : memoryAnswerStore(config.maxBytes);
  const invalidations = followInvalidations(bus, store);
  return {
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      responseCachePlugin({ store, invalidations, maxAgeMs: config.maxAgeMs, metrics }),
    ],
    where: redisUrl ? 'redis' : 'memory',
    stop: () => {
      invalidations.stop();
      return store.stop();
    },
  };
}
