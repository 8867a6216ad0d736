/**
 * Legacy calls as Prometheus metrics: a call observer counting and timing every call by system, operation and outcome.
 */
import type { Metrics } from '../../runtime/metrics.ts';
import type { CallObserver } from './calls.ts';

export function legacyCallMetrics(metrics: Metrics): CallObserver {
  const calls = metrics.counter(
    'equipment_graph_legacy_calls_total',
    'Calls to the legacy systems, by system, operation and outcome (ok or the error code).',
    ['system', 'operation', 'outcome'],
  );
  const seconds = metrics.histogram(
    'equipment_graph_legacy_call_duration_seconds',
    'Duration of calls to the legacy systems, by system and operation.',
    ['system', 'operation'],
  );
  return (call) => {
    calls.inc({ system: call.system, operation: call.operation, outcome: call.outcome });
    seconds.observe({ system: call.system, operation: call.operation }, call.durationMs / 1000);
  };
}
