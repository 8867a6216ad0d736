/**
 * Prometheus metrics on prom-client: one registry per process, counters, gauges and histograms with
 * declared label names, and the process's default metrics (CPU, memory, event-loop delay), rendered
 * on GET /metrics. Label values come from closed sets (systems, subgraphs, outcomes, operation names of
 * our own adapters, breaker states), never from callers, so the number of series stays bounded
 * whatever clients send.
 */
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';
import type { Route } from './apollo-http.ts';

/** Seconds: from a cached figure (milliseconds) to a city-wide statistics query or a slow legacy system. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Family = Counter | Gauge | Histogram;

/** A registry's families as data (prom-client's JSON form), as one thread hands them to another. */
export type MetricFamilies = MetricObjectWithValues<MetricValue<string>>[];

export class Metrics {
  readonly registry = new Registry();
  private readonly sources: (() => Promise<MetricFamilies>)[] = [];

  /**
   * `defaults`: the process's own metrics (CPU, memory, event-loop delay); off for registries in tests.
   * `thread`: labels the defaults with the thread they measure (`thread="gateway"`), where one process
   * runs several event loops, each with its own delay and heap.
   */
  constructor(options: { defaults?: boolean; thread?: string } = {}) {
    if (options.defaults ?? true)
      collectDefaultMetrics({
        register: this.registry,
        eventLoopMonitoringPrecision: 10,
        ...(options.thread === undefined ? {} : { labels: { thread: options.thread } }),
      });
  }

  /** Renders another thread's families with this registry's, e.g. those a worker thread sends on request. */
  include(source: () => Promise<MetricFamilies>): void {
    this.sources.push(source);
  }

  /**
   * The families that describe this thread, for another thread to include: the process-wide ones (CPU,
   * resident memory, file descriptors) are left to the main thread, which reports them once.
   */
  async threadFamilies(): Promise<MetricFamilies> {
    const families = await this.registry.getMetricsAsJSON();
    return families
      .filter((f) => !f.name.startsWith('process_'))
      .map(
        ({ name, help, type, aggregator, values }) =>
          ({ name, help, type, aggregator, values }) as MetricFamilies[number],
      );
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

  async render(): Promise<string> {
    if (this.sources.length === 0) return this.registry.metrics();
    const all = [await this.registry.getMetricsAsJSON(), ...(await Promise.all(this.sources.map((s) => s())))];
    // The threads' series never share a label set (the defaults carry `thread`, other families live in one
    // thread), so merging only lays them side by side; 'omit' would drop the process start time.
    const merged = all.map((families) =>
      families.map((f) => ({ ...f, aggregator: f.aggregator === 'omit' ? 'first' : f.aggregator })),
    );
    return AggregatorRegistry.aggregate(merged).metrics();
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
