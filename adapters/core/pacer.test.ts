/** The pacer: a burst goes at once, then calls are spaced to the rate, in order. */
import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.ts';

/** A clock that only moves when the pacer sleeps, so the schedule is exact. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('pacer', () => {
  it('lets a burst through at once and spaces the rest to the rate', async () => {
    const time = virtualTime();
    const pacer = new Pacer(10, 3, time.now, time.sleep);
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await pacer.take();
        at.push(time.now());
      }),
    );
    expect(at.map((t) => Math.round(t))).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, up to the burst', async () => {
    const time = virtualTime();
    const pacer = new Pacer(10, 2, time.now, time.sleep);
    await pacer.take();
    await pacer.take();
    await time.sleep(10_000); // long quiet spell: back to a burst of 2, not 100
    const before = time.now();
    for (let i = 0; i < 3; i++) await pacer.take();
    expect(Math.round(time.now() - before)).toBe(100);
  });

  it('paces real calls: 25 calls at 100 per second with a burst of 5 take about 200 ms', async () => {
    const pacer = new Pacer(100, 5);
    const started = performance.now();
    await Promise.all(Array.from({ length: 25 }, () => pacer.take()));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});
