/**
 * Every outbound legacy call runs through LegacyCalls.run: one place for the per-system timeout, the
 * request's deadline, the circuit breaker and budgeted retries (guard.ts, on cockatiel), the error
 * taxonomy, and the observers that count and time calls (call recorders in tests, Prometheus metrics
 * in call-metrics.ts). Per call, from the outside in:
 *
 *   deadline check → retry (safe reads only, within the budget) → breaker → admission (pacing, a free
 *   connection: bounded wait) → response timeout → the call
 *
 * A call whose request has already run out of time, or whose caller went away, is not sent; one
 * running when that happens is aborted (its signal fires: HTTP requests are aborted, SQL on a server is
 * cancelled; an embedded PGlite statement cannot be cancelled and runs to its end unobserved).
 */
import {
  BrokenCircuitError,
  CircuitState,
  DelegateBackoff,
  type IRetryBackoffContext,
  type RetryPolicy,
  TaskCancelledError,
  type TimeoutPolicy,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
} from 'cockatiel';
import { LegacyError, type LegacyErrorCode, isLegacyError } from '../../graph/errors.ts';
import { type SystemName } from '../../graph/names.ts';
import { type RequestScope, type ScopeEnd, currentRequestScope } from '../../runtime/request-scope.ts';
import { isRetryable, notTheSystemsFault, retryAfterOf } from './failures.ts';
import { RESILIENCE_DEFAULTS, SystemGuard } from './guard.ts';
import { SlotWaitTimeout } from './slots.ts';

type CallOutcome = 'ok' | LegacyErrorCode;

export interface LegacyCall {
  readonly system: SystemName;
  readonly operation: string;
  /** How many keys a batch call carried (0 for calls that are not batch lookups). */
  readonly keys: number;
  readonly durationMs: number;
  readonly outcome: CallOutcome;
}

/** Sees every call sent to a system (each retry is a call of its own); calls never sent are not shown. */
export type CallObserver = (call: LegacyCall) => void;

export interface LegacyCallsOptions {
  readonly system: SystemName;
  /** Abandon a sent call after this long and report LEGACY_TIMEOUT (the response phase). */
  readonly timeoutMs: number;
  readonly observers?: readonly CallObserver[];
  /** Maps a transport's own failure to a taxonomy code; unknown failures count as LEGACY_UNAVAILABLE. */
  readonly classify?: (error: unknown) => LegacyError | undefined;
  /**
   * Operations that only read and are safe to repeat: guarded by the breaker and retried within the
   * budget. Any other operation is a write (e.g. applying a credit file): sent once, never retried, and
   * outside the breaker, since a refused write says nothing of the system's health.
   */
  readonly reads?: readonly string[];
  /** The system's guard, shared by its adapters in the process; default one of its own. */
  readonly guard?: SystemGuard;
  /**
   * Waits for the call's turn (pacing to a rate, a free connection) and returns its release. It must
   * reject when `signal` fires, and bound its own wait (SlotWaitTimeout).
   */
  readonly admit?: (signal: AbortSignal) => Promise<() => void>;
}

export class LegacyCalls {
  readonly system: SystemName;
  readonly timeoutMs: number;
  readonly guard: SystemGuard;
  private readonly observers: CallObserver[];
  private readonly classify: (error: unknown) => LegacyError | undefined;
  private readonly reads: ReadonlySet<string>;
  private readonly admit: LegacyCallsOptions['admit'];
  private readonly responseTimeout: TimeoutPolicy;
  private readonly retry: RetryPolicy;

  constructor(options: LegacyCallsOptions) {
    if (!(options.timeoutMs > 0))
      throw new Error(`LegacyCalls(${options.system}): timeoutMs must be > 0, got ${options.timeoutMs}`);
    this.system = options.system;
    this.timeoutMs = options.timeoutMs;
    this.observers = [...(options.observers ?? [])];
    this.classify = options.classify ?? (() => undefined);
    this.reads = new Set(options.reads ?? []);
    this.admit = options.admit;
    this.guard = options.guard ?? new SystemGuard(options.system, RESILIENCE_DEFAULTS);
    if (this.guard.system !== options.system)
      throw new Error(`LegacyCalls(${options.system}): given the guard of ${this.guard.system}`);
    this.responseTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    const { retry: settings } = this.guard.settings;
    this.retry = retry(
      handleWhen((error) => this.mayRetry(error)),
      {
        maxAttempts: settings.maxRetries,
        backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
          const hint = 'error' in context.result ? retryAfterOf(context.result.error) : 0;
          const exponential = settings.baseDelayMs * 2 ** (context.attempt - 1);
          return Math.min(settings.maxDelayMs, Math.max(hint, exponential)) * (1 + Math.random() * 0.2);
        }),
      },
    );
    this.retry.onRetry(() => {
      this.guard.budget.recordRetry();
      this.guard.metrics.retried(this.system);
    });
  }

  observe(observer: CallObserver): () => void {
    this.observers.push(observer);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  /**
   * Runs one call. `fn` receives an AbortSignal that fires on timeout, at the request's deadline or
   * when its caller goes away; transports must pass it on so an abandoned call frees its socket or
   * connection.
   */
  async run<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    options: { keys?: number } = {},
  ): Promise<T> {
    const scope = currentRequestScope();
    const send = (signal: AbortSignal) => this.send(operation, fn, signal, scope, options.keys ?? 0);
    // Background calls get a signal of their own: one shared never-firing signal would collect a listener
    // per concurrent call.
    const outer = scope?.signal ?? new AbortController().signal;
    try {
      if (!this.reads.has(operation)) return await send(outer);
      this.guard.budget.recordCall();
      return await this.retry.execute(({ signal }) => this.throughBreaker(signal, send), outer);
    } catch (error) {
      throw this.finalError(operation, error, scope);
    }
  }

  private throughBreaker<T>(signal: AbortSignal, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // One trial call while half-open; the others fail fast (cockatiel would have them wait for the trial's outcome).
    if (this.guard.breaker.state === CircuitState.HalfOpen) return Promise.reject(new BrokenCircuitError());
    return this.guard.breaker.execute(({ signal: inner }) => send(inner), signal);
  }

  /** One attempt: not sent when the request is over; admitted, then bounded by the response timeout. */
  private async send<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    scope: RequestScope | undefined,
    keys: number,
  ): Promise<T> {
    if (scope?.ended) throw this.notSent(operation, scope.ended);
    let release: (() => void) | undefined;
    if (this.admit) {
      try {
        release = await this.admit(signal);
      } catch (error) {
        if (error instanceof SlotWaitTimeout) throw this.notSent(operation, 'queue_timeout', error.waitedMs);
        throw this.notSent(operation, scope?.ended ?? 'cancelled');
      }
      // The turn may come just as the request ends: it is not used.
      if (scope?.ended) {
        release();
        throw this.notSent(operation, scope.ended);
      }
    }
    const started = performance.now();
    let outcome: CallOutcome = 'ok';
    try {
      return await this.responseTimeout.execute(({ signal: inner }) => fn(inner), signal);
    } catch (error) {
      const mapped = this.toLegacyError(operation, error, scope, performance.now() - started);
      outcome = mapped.code;
      throw mapped;
    } finally {
      release?.();
      const call: LegacyCall = {
        system: this.system,
        operation,
        keys,
        durationMs: performance.now() - started,
        outcome,
      };
      for (const observer of this.observers) observer(call);
    }
  }

  private mayRetry(error: Error): boolean {
    if (!isRetryable(error)) return false;
    const scope = currentRequestScope();
    if (scope && scope.remainingMs() < this.guard.settings.retry.baseDelayMs) return false;
    if (this.guard.budget.canRetry()) return true;
    this.guard.metrics.retryRefused(this.system);
    return false;
  }

  /** A call given up before it was sent; says nothing of the system's health. */
  private notSent(operation: string, reason: ScopeEnd | 'queue_timeout', waitedMs = 0): LegacyError {
    this.guard.metrics.notSent(this.system, reason);
    const why =
      reason === 'queue_timeout'
        ? `no connection to it was free within ${waitedMs} ms`
        : reason === 'deadline'
          ? "the request's deadline had passed"
          : 'the caller had gone away';
    return notTheSystemsFault(
      new LegacyError('LEGACY_TIMEOUT', this.system, `${this.system} system was not asked ${operation}: ${why}`),
    );
  }

  /**
   * `ranMs`: how long the call had been waiting for its answer. One abandoned at the deadline after at
   * least half the system's own timeout counts against the system: where the timeout is as long as a
   * request's deadline (a database allowed 10 s per statement), a hung system would otherwise only ever
   * be cut off by deadlines, and its breaker would never open.
   */
  private toLegacyError(operation: string, error: unknown, scope: RequestScope | undefined, ranMs = 0): LegacyError {
    if (scope?.ended) {
      const why = scope.ended === 'deadline' ? "at the request's deadline" : 'when the caller went away';
      const abandoned = new LegacyError(
        'LEGACY_TIMEOUT',
        this.system,
        `${this.system} system's ${operation} was abandoned ${why}`,
      );
      return scope.ended === 'deadline' && ranMs >= this.timeoutMs / 2 ? abandoned : notTheSystemsFault(abandoned);
    }
    if (error instanceof TaskCancelledError)
      return new LegacyError(
        'LEGACY_TIMEOUT',
        this.system,
        `${this.system} system did not answer ${operation} within ${this.timeoutMs} ms`,
      );
    if (isLegacyError(error)) return error;
    return (
      this.classify(error) ??
      new LegacyError('LEGACY_UNAVAILABLE', this.system, `${this.system} system failed on ${operation}`, {
        cause: error,
      })
    );
  }

  /** What the caller gets once retries and the breaker are done. */
  private finalError(operation: string, error: unknown, scope: RequestScope | undefined): LegacyError {
    if (error instanceof BrokenCircuitError) {
      this.guard.metrics.notSent(this.system, 'breaker_open');
      return new LegacyError(
        'LEGACY_UNAVAILABLE',
        this.system,
        `${this.system} system is unavailable: its circuit breaker is open after repeated failures (${operation} not sent)`,
      );
    }
    if (isLegacyError(error)) return error;
    return this.toLegacyError(operation, error, scope);
  }
}

/** Records calls for tests and benchmarks: the way to prove a query made no N+1 calls. */
export class CallRecorder {
  readonly calls: LegacyCall[] = [];
  readonly observer: CallObserver = (call) => {
    this.calls.push(call);
  };

  count(system?: SystemName, operation?: string): number {
    return this.calls.filter(
      (c) => (system === undefined || c.system === system) && (operation === undefined || c.operation === operation),
    ).length;
  }

  /** Calls per system, e.g. { permit: 1, credit: 2 }. */
  bySystem(): Partial<Record<SystemName, number>> {
    const out: Partial<Record<SystemName, number>> = {};
    for (const c of this.calls) out[c.system] = (out[c.system] ?? 0) + 1;
    return out;
  }

  clear(): void {
    this.calls.length = 0;
  }
}
