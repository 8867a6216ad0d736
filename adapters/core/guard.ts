/**
 * What protects one legacy system in a process: its circuit breaker (cockatiel), its retry budget and
 * the settings every call to it follows. One guard per system per process (`LegacyResilience.forSystem`),
 * shared by every adapter instance of that system (the elevator subgraph's request adapter and its
 * alarm-feed adapter, the supervision subgraph reading the permit adapter), so the breaker sees the
 * system as a whole. LegacyCalls (calls.ts) composes them per call.
 */
import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  CountBreaker,
  type IBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import type { SystemName } from '../../graph/names.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import { isSystemFailure } from './failures.ts';
import { RetryBudget } from './retry-budget.ts';

export interface ResilienceSettings {
  readonly breaker: {
    /** Opens after this many failures in a row... */
    readonly consecutiveFailures: number;
    /** ...or when this share of the last `ratioWindow` calls failed (at least half the window made). */
    readonly failureRatio: number;
    readonly ratioWindow: number;
    /** An open breaker lets one trial call through after this long. */
    readonly halfOpenAfterMs: number;
  };
  readonly retry: {
    /** Retries of a safe read after its first attempt. */
    readonly maxRetries: number;
    /** First back-off, doubled per retry, jittered, never below a system's retry-after hint. */
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
    /** Retries may add at most this share of a system's calls over the window… */
    readonly budgetRatio: number;
    /** …plus this many per second of window. */
    readonly budgetMinPerSecond: number;
    readonly budgetWindowMs: number;
  };
  /** Longest wait for a free connection to the system before the call is given up (LEGACY_TIMEOUT). */
  readonly queueTimeoutMs: number;
  readonly stale: {
    /** Last good answers kept per adapter (a page counts as its items). */
    readonly maxEntries: number;
    /** Older copies are not served. */
    readonly maxAgeMs: number;
  };
}

export const RESILIENCE_DEFAULTS: ResilienceSettings = {
  breaker: { consecutiveFailures: 5, failureRatio: 0.5, ratioWindow: 20, halfOpenAfterMs: 5_000 },
  retry: {
    maxRetries: 2,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    budgetRatio: 0.1,
    budgetMinPerSecond: 1,
    budgetWindowMs: 10_000,
  },
  queueTimeoutMs: 1_000,
  stale: { maxEntries: 20_000, maxAgeMs: 24 * 3600_000 },
};

/** Gauge values of equipment_graph_legacy_breaker_state. */
const STATE_VALUE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 2,
};
const STATE_NAME: Record<CircuitState, string> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/** Opens on either rule: a run of consecutive failures, or a failure ratio over a count window. */
class ConsecutiveOrRatioBreaker implements IBreaker {
  private readonly consecutive: ConsecutiveBreaker;
  private readonly ratio: CountBreaker;

  constructor(settings: ResilienceSettings['breaker']) {
    this.consecutive = new ConsecutiveBreaker(settings.consecutiveFailures);
    this.ratio = new CountBreaker({
      threshold: settings.failureRatio,
      size: settings.ratioWindow,
      minimumNumberOfCalls: Math.ceil(settings.ratioWindow / 2),
    });
  }

  get state(): unknown {
    return { consecutive: this.consecutive.state, ratio: this.ratio.state };
  }

  set state(value: unknown) {
    const v = value as { consecutive: number; ratio: unknown };
    this.consecutive.state = v.consecutive;
    this.ratio.state = v.ratio;
  }

  success(state: CircuitState): void {
    this.consecutive.success();
    this.ratio.success(state);
  }

  failure(state: CircuitState): boolean {
    const inARow = this.consecutive.failure();
    const byRatio = this.ratio.failure(state);
    return inARow || byRatio;
  }
}

/** Counts what the guards do, on the process's registry. */
export interface GuardMetrics {
  retried(system: SystemName): void;
  retryRefused(system: SystemName): void;
  notSent(system: SystemName, reason: NotSentReason): void;
  staleServed(system: SystemName): void;
}

type NotSentReason = 'breaker_open' | 'deadline' | 'cancelled' | 'queue_timeout';

export class SystemGuard {
  readonly breaker: CircuitBreakerPolicy;
  readonly budget: RetryBudget;

  constructor(
    readonly system: SystemName,
    readonly settings: ResilienceSettings,
    readonly metrics: GuardMetrics = NO_METRICS,
  ) {
    this.breaker = circuitBreaker(
      handleWhen((error) => isSystemFailure(error, this.breaker.state)),
      {
        halfOpenAfter: settings.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveOrRatioBreaker(settings.breaker),
      },
    );
    this.budget = new RetryBudget({
      ratio: settings.retry.budgetRatio,
      minPerSecond: settings.retry.budgetMinPerSecond,
      windowMs: settings.retry.budgetWindowMs,
    });
  }

  get state(): 'closed' | 'half_open' | 'open' {
    return STATE_NAME[this.breaker.state] as 'closed' | 'half_open' | 'open';
  }
}

const NO_METRICS: GuardMetrics = {
  retried: () => undefined,
  retryRefused: () => undefined,
  notSent: () => undefined,
  staleServed: () => undefined,
};

/** Breaker state, transitions, retries, calls not sent and stale answers as Prometheus metrics. */
function guardMetrics(metrics: Metrics): GuardMetrics & { watch(guard: SystemGuard): void } {
  const state = metrics.gauge(
    'equipment_graph_legacy_breaker_state',
    'Circuit breaker of each legacy system: 0 closed, 1 half-open (one trial call), 2 open (calls fail fast).',
    ['system'],
  );
  const transitions = metrics.counter(
    'equipment_graph_legacy_breaker_transitions_total',
    'Circuit breaker state changes, by system and the state entered.',
    ['system', 'to'],
  );
  const retries = metrics.counter(
    'equipment_graph_legacy_retries_total',
    'Retries of safe reads, by system and outcome (retried, or refused by the retry budget).',
    ['system', 'outcome'],
  );
  const notSent = metrics.counter(
    'equipment_graph_legacy_calls_not_sent_total',
    'Legacy calls never sent, by system and reason (breaker_open, deadline, cancelled, queue_timeout).',
    ['system', 'reason'],
  );
  const stale = metrics.counter(
    'equipment_graph_legacy_stale_answers_total',
    'Answers served from the last good copy because the system failed, by system.',
    ['system'],
  );
  return {
    watch(guard) {
      state.set({ system: guard.system }, 0);
      guard.breaker.onStateChange((to) => {
        state.set({ system: guard.system }, STATE_VALUE[to]);
        transitions.inc({ system: guard.system, to: STATE_NAME[to] });
      });
    },
    retried: (system) => retries.inc({ system, outcome: 'retried' }),
    retryRefused: (system) => retries.inc({ system, outcome: 'budget_exhausted' }),
    notSent: (system, reason) => notSent.inc({ system, reason }),
    staleServed: (system) => stale.inc({ system }),
  };
}

/** The guards of one process, one per system, all recording into the process's metrics when given. */
export class LegacyResilience {
  private readonly guards = new Map<SystemName, SystemGuard>();
  private readonly metrics: ReturnType<typeof guardMetrics> | undefined;

  constructor(
    readonly settings: ResilienceSettings = RESILIENCE_DEFAULTS,
    metrics?: Metrics,
  ) {
    this.metrics = metrics ? guardMetrics(metrics) : undefined;
  }

  forSystem(system: SystemName): SystemGuard {
    let guard = this.guards.get(system);
    if (!guard) {
      guard = new SystemGuard(system, this.settings, this.metrics);
      this.metrics?.watch(guard);
      this.guards.set(system, guard);
    }
    return guard;
  }

  /** Each system's breaker state, for logs and benchmarks. */
  states(): Partial<Record<SystemName, SystemGuard['state']>> {
    return Object.fromEntries([...this.guards].map(([system, guard]) => [system, guard.state]));
  }
}
