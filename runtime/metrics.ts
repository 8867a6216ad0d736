/**
 * Prometheus metrics in the text exposition format (0.0.4), without a client library: counters and
 * histograms with labels, rendered on GET /metrics. Label values come from closed sets (systems,
 * subgraphs, outcomes, operation names of our own adapters), never from callers, so the number of series
 * stays bounded whatever clients send.
 */
import type { Route } from './apollo-http.ts';

type Labels = Readonly<Record<string, string>>;

/** Seconds: from a cached figure (milliseconds) to a city-wide statistics query or a slow legacy system. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatLabels = (labels: Labels, extra: Labels = {}) => {
  const all = { ...labels, ...extra };
  const pairs = Object.keys(all).map((k) => `${k}="${escape(all[k]!)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
};

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const entry = this.values.get(k) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(k, entry);
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values.values()].map((e) => `${this.name}${formatLabels(e.labels)} ${e.value}`),
    ];
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((bound, i) => {
      if (value <= bound) s.counts[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((bound, i) =>
        lines.push(`${this.name}_bucket${formatLabels(s.labels, { le: String(bound) })} ${s.counts[i]}`),
      );
      lines.push(`${this.name}_bucket${formatLabels(s.labels, { le: '+Inf' })} ${s.count}`);
      lines.push(
        `${this.name}_sum${formatLabels(s.labels)} ${s.sum}`,
        `${this.name}_count${formatLabels(s.labels)} ${s.count}`,
      );
    }
    return lines;
  }
}

/** One registry per process: whatever records metrics registers them here, /metrics renders them all. */
export class Metrics {
  private readonly families = new Map<string, Counter | Histogram>();

  counter(name: string, help: string): Counter {
    return this.family(name, () => new Counter(name, help), Counter);
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.family(name, () => new Histogram(name, help, buckets), Histogram);
  }

  render(): string {
    return `${[...this.families.values()].flatMap((f) => f.render()).join('\n')}\n`;
  }

  private family<T extends Counter | Histogram>(name: string, make: () => T, kind: new (...args: never[]) => T): T {
    const existing = this.families.get(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`metric ${name} is already registered as another kind`);
      return existing as T;
    }
    const created = make();
    this.families.set(name, created);
    return created;
  }
}

export function metricsRoute(metrics: Metrics): Route {
  return (req, res, url) => {
    if (url.pathname !== '/metrics' || req.method !== 'GET') return false;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(metrics.render());
    return true;
  };
}
