/**
 * Token buckets in Redis (REDIS_URL), so every gateway replica draws on one bucket per caller: one Lua
 * script takes a token atomically, on Redis's clock (replicas' clocks may differ), and lets an idle
 * bucket expire once it would be full again. When Redis does not answer at once, the request is
 * limited by this process's own buckets instead (logged), never let through unlimited nor refused.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../../runtime/logger.ts';
import { memoryRateLimiter, type Admission, type Rate, type RateLimiter } from './rate-limit.ts';

const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, wait}
`;

interface TokenCommands {
  takeToken(key: string, perSecond: number, burst: number): Promise<[number, number]>;
}

export function redisRateLimiter(url: string, prefix: string, logger: Logger): RateLimiter {
  const redis = new Redis(url, {
    // Fail fast: a request must not wait on a Redis that is away.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 2_000,
  });
  redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
  const commands = redis as unknown as TokenCommands;
  const fallback = memoryRateLimiter();
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (Date.now() - warnedAt < 10_000) return;
    warnedAt = Date.now();
    logger.warn({ err: error }, 'Redis rate limits unavailable; limiting per process');
  };
  redis.on('error', warn);
  return {
    async take(key: string, rate: Rate): Promise<Admission> {
      try {
        const [allowed, waitMs] = await commands.takeToken(prefix + key, rate.perSecond, rate.burst);
        return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: waitMs };
      } catch (error) {
        warn(error);
        return fallback.take(key, rate);
      }
    },
    async stop() {
      redis.disconnect();
      await fallback.stop();
    },
  };
}
