/**
 * Every outbound legacy call runs through LegacyCalls.run: one place for the per-system timeout, the
 * error taxonomy, and the observers that count and time calls (call recorders in tests, Prometheus
 * metrics in call-metrics.ts). Pacing to a system's documented rate is pacer.ts; the one retry there is,
 * of the elevator platform's rate-limit answer, lives in that adapter's client.
 */
import { LegacyError, type LegacyErrorCode, isLegacyError } from '../../graph/errors.ts';
import { type SystemName } from '../../graph/names.ts';

type CallOutcome = 'ok' | LegacyErrorCode;

export interface LegacyCall {
  readonly system: SystemName;
  readonly operation: string;
  /** How many keys a batch call carried (0 for calls that are not batch lookups). */
  readonly keys: number;
  readonly durationMs: number;
  readonly outcome: CallOutcome;
}

export type CallObserver = (call: LegacyCall) => void;

export interface LegacyCallsOptions {
  readonly system: SystemName;
  /** Abandon a call after this long and report LEGACY_TIMEOUT. */
  readonly timeoutMs: number;
  readonly observers?: readonly CallObserver[];
  /** Maps a transport's own failure to a taxonomy code; unknown failures count as LEGACY_UNAVAILABLE. */
  readonly classify?: (error: unknown) => LegacyError | undefined;
}

export class LegacyCalls {
  readonly system: SystemName;
  readonly timeoutMs: number;
  private readonly observers: CallObserver[];
  private readonly classify: (error: unknown) => LegacyError | undefined;

  constructor(options: LegacyCallsOptions) {
    if (!(options.timeoutMs > 0))
      throw new Error(`LegacyCalls(${options.system}): timeoutMs must be > 0, got ${options.timeoutMs}`);
    this.system = options.system;
    this.timeoutMs = options.timeoutMs;
    this.observers = [...(options.observers ?? [])];
    this.classify = options.classify ?? (() => undefined);
  }

  observe(observer: CallObserver): () => void {
    this.observers.push(observer);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  /**
   * Runs one call. `fn` receives an AbortSignal that fires on timeout; transports must pass it on so
   * an abandoned call frees its socket or connection.
   */
  async run<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    options: { keys?: number } = {},
  ): Promise<T> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new LegacyError(
            'LEGACY_TIMEOUT',
            this.system,
            `${this.system} system did not answer ${operation} within ${this.timeoutMs} ms`,
          ),
        );
      }, this.timeoutMs);
    });
    let outcome: CallOutcome = 'ok';
    try {
      return await Promise.race([fn(controller.signal), timeout]);
    } catch (error) {
      const mapped = this.toLegacyError(operation, error);
      outcome = mapped.code;
      throw mapped;
    } finally {
      clearTimeout(timer);
      const call: LegacyCall = {
        system: this.system,
        operation,
        keys: options.keys ?? 0,
        durationMs: performance.now() - started,
        outcome,
      };
      for (const observer of this.observers) observer(call);
    }
  }

  private toLegacyError(operation: string, error: unknown): LegacyError {
    if (isLegacyError(error)) return error;
    return (
      this.classify(error) ??
      new LegacyError('LEGACY_UNAVAILABLE', this.system, `${this.system} system failed on ${operation}`, {
        cause: error,
      })
    );
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
