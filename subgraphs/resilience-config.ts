/**
 * How a process protects itself from its legacy systems and from slow requests, read once: the
 * settings every system's guard follows (adapters/core/guard.ts: breaker, retry budget, connection
 * queue, stale copies) and how long a subgraph request may run. Read by the embedded start and by a
 * subgraph running on its own; the per-system timeouts stay with each system's configuration.
 */
import { type ResilienceSettings, RESILIENCE_DEFAULTS } from '../adapters/core/guard.ts';
import { type Env, readInt } from '../runtime/env.ts';
import { DEFAULT_SUBGRAPH_REQUEST_TIMEOUT_MS } from './common/server.ts';

export interface ResilienceConfig {
  readonly settings: ResilienceSettings;
  /** SUBGRAPH_REQUEST_TIMEOUT_MS: the longest a subgraph request may run; its deadline when it brings none. */
  readonly subgraphRequestTimeoutMs: number;
}

export function readResilienceConfig(env: Env): ResilienceConfig {
  const d = RESILIENCE_DEFAULTS;
  const ms = (name: string, fallback: number, max = 600_000) => readInt(env, name, fallback, { min: 1, max });
  return {
    settings: {
      breaker: {
        consecutiveFailures: readInt(env, 'LEGACY_BREAKER_FAILURES', d.breaker.consecutiveFailures, {
          min: 1,
          max: 1000,
        }),
        failureRatio:
          readInt(env, 'LEGACY_BREAKER_FAILURE_PERCENT', d.breaker.failureRatio * 100, { min: 1, max: 99 }) / 100,
        ratioWindow: readInt(env, 'LEGACY_BREAKER_WINDOW', d.breaker.ratioWindow, { min: 2, max: 10_000 }),
        halfOpenAfterMs: ms('LEGACY_BREAKER_HALF_OPEN_MS', d.breaker.halfOpenAfterMs),
      },
      retry: {
        maxRetries: readInt(env, 'LEGACY_RETRY_MAX', d.retry.maxRetries, { min: 0, max: 10 }),
        baseDelayMs: ms('LEGACY_RETRY_BASE_DELAY_MS', d.retry.baseDelayMs, 60_000),
        maxDelayMs: ms('LEGACY_RETRY_MAX_DELAY_MS', d.retry.maxDelayMs, 60_000),
        budgetRatio: readInt(env, 'LEGACY_RETRY_BUDGET_PERCENT', d.retry.budgetRatio * 100, { min: 0, max: 100 }) / 100,
        budgetMinPerSecond: readInt(env, 'LEGACY_RETRY_BUDGET_MIN_PER_SECOND', d.retry.budgetMinPerSecond, {
          min: 0,
          max: 1000,
        }),
        budgetWindowMs: readInt(env, 'LEGACY_RETRY_BUDGET_WINDOW_MS', d.retry.budgetWindowMs, {
          min: 1000,
          max: 600_000,
        }),
      },
      queueTimeoutMs: ms('LEGACY_QUEUE_TIMEOUT_MS', d.queueTimeoutMs),
      stale: {
        maxEntries: readInt(env, 'LEGACY_STALE_MAX_ENTRIES', d.stale.maxEntries, { min: 1, max: 10_000_000 }),
        maxAgeMs:
          readInt(env, 'LEGACY_STALE_MAX_AGE_SECONDS', d.stale.maxAgeMs / 1000, { min: 0, max: 31 * 86_400 }) * 1000,
      },
    },
    subgraphRequestTimeoutMs: readInt(env, 'SUBGRAPH_REQUEST_TIMEOUT_MS', DEFAULT_SUBGRAPH_REQUEST_TIMEOUT_MS, {
      min: 100,
      max: 300_000,
    }),
  };
}
