/** Counted figures: reuse within the maximum age, one count in flight, failures not kept. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../adapters/core/errors.ts';
import type { Clock } from '../../runtime/clock.ts';
import { CountedFigures } from './counted-figures.ts';

function countingSource() {
  let calls = 0;
  let fail = false;
  const count = async (key: string) => {
    calls += 1;
    if (fail) throw new LegacyError('LEGACY_UNAVAILABLE', 'inspection', 'down');
    return { key, n: calls };
  };
  return { count, calls: () => calls, setFail: (v: boolean) => { fail = v; } };
}

function manualClock(start: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => { now += ms; } };
}

describe('counted figures', () => {
  it('counts once within the maximum age, again after it or for another key, sharing a count in flight', async () => {
    const { count, calls } = countingSource();
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    const figures = new CountedFigures(count, clock, 60_000);
    const [a, b] = await Promise.all([figures.get('2026-11-20'), figures.get('2026-11-20')]);
    expect(calls()).toBe(1);
    expect(a).toBe(b);
    expect(a.value).toEqual({ key: '2026-11-20', n: 1 });
    clock.advance(59_000);
    expect((await figures.get('2026-11-20')).computedAt).toEqual(a.computedAt);
    expect(calls()).toBe(1);
    clock.advance(2_000);
    expect((await figures.get('2026-11-20')).computedAt.getTime()).toBe(a.computedAt.getTime() + 61_000);
    expect((await figures.get('2026-11-21')).value.key).toBe('2026-11-21');
    expect(calls()).toBe(3);
  });

  it('counts on every request at maximum age 0', async () => {
    const { count, calls } = countingSource();
    const figures = new CountedFigures(count, manualClock('2026-11-20T10:00:00+08:00'), 0);
    await figures.get('k');
    await figures.get('k');
    expect(calls()).toBe(2);
  });

  it('does not keep a failure: the next request counts again', async () => {
    const { count, calls, setFail } = countingSource();
    const figures = new CountedFigures(count, manualClock('2026-11-20T10:00:00+08:00'), 60_000);
    setFail(true);
    await expect(figures.get('2026-11-20')).rejects.toThrow('down');
    setFail(false);
    expect((await figures.get('2026-11-20')).value.n).toBe(2);
    expect(calls()).toBe(2);
  });
});
