/**
 * A guard for tests that switch a stand-in's faults one after another and expect each to reach the
 * field as its error: no breaker that stays open into the next test, no last good copy standing in for
 * the failure. The breaker, retries and stale answers have tests of their own
 * (adapters/core/resilience.test.ts, test/resilience.test.ts).
 */
import { RESILIENCE_DEFAULTS, SystemGuard } from '../../adapters/core/guard.ts';
import type { SystemName } from '../../graph/names.ts';

export function faultTestsGuard(system: SystemName): SystemGuard {
  return new SystemGuard(system, {
    ...RESILIENCE_DEFAULTS,
    breaker: { ...RESILIENCE_DEFAULTS.breaker, consecutiveFailures: 1000, failureRatio: 0.99, ratioWindow: 10_000 },
    stale: { ...RESILIENCE_DEFAULTS.stale, maxAgeMs: 0 },
  });
}
