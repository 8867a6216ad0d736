/** The metrics registry: Prometheus text by label, one family per name, the process's defaults included. */
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('metrics', () => {
  it('renders counters per label set, and a family once however often it is asked for', async () => {
    const metrics = new Metrics({ defaults: false });
    metrics.counter('x_total', 'Things.', ['system', 'outcome']).inc({ system: 'permit', outcome: 'ok' });
    metrics.counter('x_total', 'Things.', ['system', 'outcome']).inc({ outcome: 'ok', system: 'permit' }, 2);
    metrics.counter('x_total', 'Things.', ['system', 'outcome']).inc({ system: 'credit', outcome: 'LEGACY_TIMEOUT' });
    expect(await metrics.render()).toContain(
      'x_total{system="permit",outcome="ok"} 3\nx_total{system="credit",outcome="LEGACY_TIMEOUT"} 1',
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', async () => {
    const metrics = new Metrics({ defaults: false });
    const h = metrics.histogram('d_seconds', 'Durations.', ['s'], [0.1, 1]);
    h.observe({ s: 'a' }, 0.05);
    h.observe({ s: 'a' }, 0.5);
    h.observe({ s: 'a' }, 3);
    const lines = (await metrics.render()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'd_seconds_bucket{le="0.1",s="a"} 1',
        'd_seconds_bucket{le="1",s="a"} 2',
        'd_seconds_bucket{le="+Inf",s="a"} 3',
        'd_seconds_sum{s="a"} 3.55',
        'd_seconds_count{s="a"} 3',
      ]),
    );
  });

  it('refuses one name for two kinds', () => {
    const metrics = new Metrics({ defaults: false });
    metrics.counter('y_total', 'Y.');
    expect(() => metrics.histogram('y_total', 'Y.')).toThrow('already registered');
  });

  it("includes the process's event-loop delay and memory by default", async () => {
    const text = await new Metrics().render();
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toContain('process_resident_memory_bytes');
  });
});
