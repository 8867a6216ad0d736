/**
 * Cached answers in Redis (REDIS_URL), shared by every gateway process behind one address: an answer
 * one computed is served by the others. Each entry expires in Redis with its answer (PX). The
 * generations are one Redis hash beside the entries, read in the same round trip as an entry and
 * advanced by every gateway that hears a figures event (each replica hears each event: the first to
 * advance invalidates the answers everywhere, the others' advances change nothing that matters). When
 * Redis does not answer at once the request is computed as if nothing were cached (logged), never
 * held up.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../../runtime/logger.ts';
import type { AnswerStore, CachedAnswer, Generations, Lookup } from './store.ts';

const NOTHING: Lookup = { answer: undefined, generations: {} };

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
  // Entry keys are base64url hashes of 43 characters: this name is none of them.
  const generationsKey = `${prefix}generations`;
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (now() - warnedAt < 10_000) return;
    warnedAt = now();
    logger.warn({ err: error }, 'Redis response cache unavailable; answers are computed afresh');
  };
  redis.on('error', warn);
  return {
    async lookup(key) {
      try {
        const replies = await redis
          .pipeline()
          .get(prefix + key)
          .hgetall(generationsKey)
          .exec();
        const [entry, generations] = (replies ?? []).map(([error, value]) => {
          if (error) throw error;
          return value;
        });
        const answer = parseAnswer(entry);
        return {
          answer: answer && answer.expiresAt > now() ? answer : undefined,
          generations: parseGenerations(generations),
        };
      } catch (error) {
        warn(error);
        return NOTHING;
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
    async advance(systems) {
      const increments = redis.pipeline();
      for (const system of systems) increments.hincrby(generationsKey, system, 1);
      try {
        for (const [error] of (await increments.exec()) ?? []) if (error) throw error;
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

/** An entry as stored; one written by an older gateway (no generations) is not served. */
function parseAnswer(text: unknown): CachedAnswer | undefined {
  if (typeof text !== 'string') return undefined;
  const answer = JSON.parse(text) as Partial<CachedAnswer>;
  return typeof answer.fedBy === 'object' && answer.fedBy !== null ? (answer as CachedAnswer) : undefined;
}

function parseGenerations(hash: unknown): Generations {
  const generations: Record<string, number> = {};
  for (const [system, value] of Object.entries((hash ?? {}) as Record<string, string>))
    generations[system] = Number(value);
  return generations;
}
