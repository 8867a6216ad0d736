/**
 * Which failures are a legacy system's own, and what a retry may know of them. A call abandoned
 * because the request's deadline passed or its caller went away is no sign the system is sick: it is
 * reported to the caller (LEGACY_TIMEOUT) but does not count towards opening the breaker, and is never
 * retried. Failures are marked where LegacyCalls creates them; the marks live beside the error objects,
 * so the closed error list (graph/errors.ts) stays as it is.
 */
import { CircuitState } from 'cockatiel';
import { type LegacyError, isLegacyError } from '../../graph/errors.ts';

const notTheSystems = new WeakSet<Error>();
const retryAfterHints = new WeakMap<Error, number>();

/** Marks a failure that says nothing of the system's health (deadline, cancellation, a full queue). */
export function notTheSystemsFault<E extends Error>(error: E): E {
  notTheSystems.add(error);
  return error;
}

/** The system asked to wait this long before the next call (e.g. the elevator platform's retryAfterMs). */
export function withRetryAfter(error: LegacyError, ms: number): LegacyError {
  if (Number.isFinite(ms) && ms > 0) retryAfterHints.set(error, ms);
  return error;
}

export function retryAfterOf(error: unknown): number {
  return error instanceof Error ? (retryAfterHints.get(error) ?? 0) : 0;
}

/**
 * Counts towards opening the breaker: the system refused, failed or did not answer in its own time.
 * A bad record (LEGACY_BAD_DATA) or a rate-limit answer comes from a system that is up. While the
 * breaker is half-open, a trial that could not finish for another reason counts too: cockatiel would
 * otherwise close the breaker on it without the system having answered.
 */
export function isSystemFailure(error: Error, state: CircuitState): boolean {
  if (notTheSystems.has(error)) return state === CircuitState.HalfOpen;
  if (!isLegacyError(error)) return true;
  return error.code === 'LEGACY_UNAVAILABLE' || error.code === 'LEGACY_TIMEOUT';
}

/** Worth one more attempt of a safe read: the system failed or asked us to slow down. */
export function isRetryable(error: Error): boolean {
  if (notTheSystems.has(error) || !isLegacyError(error)) return false;
  return error.code === 'LEGACY_UNAVAILABLE' || error.code === 'LEGACY_RATE_LIMITED';
}
