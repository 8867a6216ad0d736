/** The district statistics cache: reuse within the maximum age, one statement in flight, failures not kept. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../adapters/core/errors.ts';
import { MemoryInspectionPort } from '../../adapters/inspection/memory.ts';
import type { Clock } from '../../runtime/clock.ts';
import { DistrictStatisticsCache } from './statistics-cache.ts';

function countingPort() {
  const port = new MemoryInspectionPort({ equipment: [], inspections: [], hazards: [] });
  let calls = 0;
  let fail = false;
  const statistics = port.districtStatistics.bind(port);
  port.districtStatistics = async (day: string) => {
    calls += 1;
    if (fail) throw new LegacyError('LEGACY_UNAVAILABLE', 'inspection', 'down');
    return statistics(day);
  };
  return { port, calls: () => calls, setFail: (v: boolean) => { fail = v; } };
}

function manualClock(start: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => { now += ms; } };
}

describe('district statistics cache', () => {
  it('counts once within the maximum age, again after it or for another day, sharing a statement in flight', async () => {
    const { port, calls } = countingPort();
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    const cache = new DistrictStatisticsCache(port, clock, 60_000);
    const [a, b] = await Promise.all([cache.get('2026-11-20'), cache.get('2026-11-20')]);
    expect(calls()).toBe(1);
    expect(a).toBe(b);
    expect(a.byDistrict.size).toBe(16);
    clock.advance(59_000);
    expect((await cache.get('2026-11-20')).computedAt).toEqual(a.computedAt);
    expect(calls()).toBe(1);
    clock.advance(2_000);
    expect((await cache.get('2026-11-20')).computedAt.getTime()).toBe(a.computedAt.getTime() + 61_000);
    await cache.get('2026-11-21');
    expect(calls()).toBe(3);
  });

  it('does not keep a failure: the next request counts again', async () => {
    const { port, calls, setFail } = countingPort();
    const cache = new DistrictStatisticsCache(port, manualClock('2026-11-20T10:00:00+08:00'), 60_000);
    setFail(true);
    await expect(cache.get('2026-11-20')).rejects.toThrow('down');
    setFail(false);
    expect((await cache.get('2026-11-20')).byDistrict.size).toBe(16);
    expect(calls()).toBe(2);
  });
});
