/**
 * Cached answers in Redis (REDIS_URL), shared by every gateway process behind one address: an answer
 * one computed is served by the others. Each entry expires in Redis with its answer (PX). When Redis
 * does not answer at once the request is computed as if nothing were cached (logged), never held up.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../../runtime/logger.ts';
import type { AnswerStore, CachedAnswer } from './store.ts';

export function redisAnswerStore(
  url: string,
  prefix: string,
  logger: Logger,
  now: () => number = Date.now,
): AnswerStore {
  const redis = new Redis(url, {
    // A request waits on Redis 250 ms at most, also while it connects (commands queue until then: a
    // gateway just started reads what the others stored rather than missing it).
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 2_000,
  });
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (now() - warnedAt < 10_000) return;
    warnedAt = now();
    logger.warn({ err: error }, 'Redis response cache unavailable; answers are computed afresh');
  };
  redis.on('error', warn);
  return {
    async get(key) {
      try {
        const text = await redis.get(prefix + key);
        if (text === null) return undefined;
        const answer = JSON.parse(text) as CachedAnswer;
        return answer.expiresAt > now() ? answer : undefined;
      } catch (error) {
        warn(error);
        return undefined;
      }
    },
    async set(key, answer) {
      const ttlMs = answer.expiresAt - now();
      if (ttlMs <= 0) return;
      try {
        await redis.set(prefix + key, JSON.stringify(answer), 'PX', ttlMs);
      } catch (error) {
        warn(error);
      }
    },
    stop() {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}
