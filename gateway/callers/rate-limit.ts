/**
 * Token buckets per caller: each request takes one token; tokens come back at `perSecond` up to
 * `burst`. A caller without a token is told when the next one comes (Retry-After). This one keeps the
 * buckets in the process; redis-rate-limit.ts shares them between gateway replicas.
 */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export interface RateLimiter {
  take(key: string, rate: Rate): Promise<Admission>;
  stop(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
  perSecond: number;
  burst: number;
}

/** Buckets beyond this many are swept of the full ones (idle callers) at most once a second. */
const SWEEP_ABOVE = 10_000;

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter & { readonly size: () => number } {
  const buckets = new Map<string, Bucket>();
  let sweptAt = 0;
  const sweep = (time: number) => {
    sweptAt = time;
    for (const [key, b] of buckets) if (b.tokens + ((time - b.at) * b.perSecond) / 1000 >= b.burst) buckets.delete(key);
  };
  return {
    async take(key, rate) {
      const time = now();
      if (buckets.size > SWEEP_ABOVE && time - sweptAt > 1000) sweep(time);
      const bucket = buckets.get(key) ?? { tokens: rate.burst, at: time, ...rate };
      bucket.tokens = Math.min(rate.burst, bucket.tokens + (Math.max(0, time - bucket.at) * rate.perSecond) / 1000);
      bucket.at = time;
      bucket.perSecond = rate.perSecond;
      bucket.burst = rate.burst;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * 1000) / rate.perSecond) };
    },
    size: () => buckets.size,
    stop: async () => buckets.clear(),
  };
}
