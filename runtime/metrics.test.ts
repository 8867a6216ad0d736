/** The metrics registry renders Prometheus text: counters and histograms by label, one family per name. */
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('metrics', () => {
  it('renders counters per label set, and a family once however often it is asked for', () => {
    const metrics = new Metrics();
    metrics.counter('x_total', 'Things.').inc({ system: 'permit', outcome: 'ok' });
    metrics.counter('x_total', 'Things.').inc({ outcome: 'ok', system: 'permit' }, 2);
    metrics.counter('x_total', 'Things.').inc({ system: 'credit', outcome: 'LEGACY_TIMEOUT' });
    expect(metrics.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{system="permit",outcome="ok"} 3',
        'x_total{system="credit",outcome="LEGACY_TIMEOUT"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const metrics = new Metrics();
    const h = metrics.histogram('d_seconds', 'Durations.', [0.1, 1]);
    h.observe({ s: 'a' }, 0.05);
    h.observe({ s: 'a' }, 0.5);
    h.observe({ s: 'a' }, 3);
    expect(metrics.render().split('\n')).toEqual([
      '# HELP d_seconds Durations.',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{s="a",le="0.1"} 1',
      'd_seconds_bucket{s="a",le="1"} 2',
      'd_seconds_bucket{s="a",le="+Inf"} 3',
      'd_seconds_sum{s="a"} 3.55',
      'd_seconds_count{s="a"} 3',
      '',
    ]);
  });

  it('escapes label values and refuses one name for two kinds', () => {
    const metrics = new Metrics();
    metrics.counter('y_total', 'Y.').inc({ operation: 'a"b\\c' });
    expect(metrics.render()).toContain('y_total{operation="a\\"b\\\\c"} 1');
    expect(() => metrics.histogram('y_total', 'Y.')).toThrow('already registered');
  });
});
