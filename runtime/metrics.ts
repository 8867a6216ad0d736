/**
 * Prometheus metrics on prom-client: one registry per process, counters, gauges and histograms with
 * declared label names, and the process's default metrics (CPU, memory, event-loop delay), rendered
 * on GET /metrics. Label values come from closed sets (systems, subgraphs, outcomes, operation names of
 * our own adapters, breaker states), never from callers, so the number of series stays bounded
 * whatever clients send.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Route } from './apollo-http.ts';

/** Seconds: from a cached figure (milliseconds) to a city-wide statistics query or a slow legacy system. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Family = Counter | Gauge | Histogram;

export class Metrics {
  readonly registry = new Registry();

  /** `defaults`: the process's own metrics (CPU, memory, event-loop delay); off for registries in tests. */
  constructor(options: { defaults?: boolean } = {}) {
    if (options.defaults ?? true) collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.family(name, Counter, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.family(name, Gauge, () => new Gauge({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets: readonly number[] = LATENCY_BUCKETS,
  ): Histogram<L> {
    return this.family(
      name,
      Histogram,
      () => new Histogram({ name, help, labelNames, buckets: [...buckets], registers: [this.registry] }),
    );
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** A family is registered once; asking again by name returns it (several parts may record into it). */
  private family<T extends Family>(name: string, kind: abstract new (...args: never[]) => T, make: () => T): T {
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return make();
    if (!(existing instanceof kind)) throw new Error(`metric ${name} is already registered as another kind`);
    return existing;
  }
}

export function metricsRoute(metrics: Metrics): Route {
  return (req, res, url) => {
    if (url.pathname !== '/metrics' || req.method !== 'GET') return false;
    void metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
    return true;
  };
}
