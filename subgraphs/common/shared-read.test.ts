import { describe, expect, it } from 'vitest';
import { SharedRead } from './shared-read.ts';

/** A read that ends when released, counting how many were started and skipping one record each time. */
function fixture(shareMs = 1000) {
  let clock = 0;
  let reads = 0;
  let fail = false;
  let release: (() => void) | undefined;
  const shared = new SharedRead<number>({
    read: (skip) => {
      const n = ++reads;
      skip();
      return new Promise((resolve, reject) => {
        release = () => (fail ? reject(new Error('platform down')) : resolve([n, n, n]));
      });
    },
    shareMs,
    now: () => clock,
  });
  return {
    shared,
    reads: () => reads,
    end: async () => {
      release!();
      await new Promise((r) => setImmediate(r));
    },
    tick: (ms: number) => void (clock += ms),
    failNext: () => void (fail = true),
  };
}

describe('SharedRead (one read of a whole list for several indexes)', () => {
  it('consumers asking while a read runs share it: one read, each told the records left out', async () => {
    const f = fixture();
    const a = f.shared.take('elevator');
    const b = f.shared.take('supervision');
    await f.end();
    expect(await a).toEqual({ items: [1, 1, 1], skipped: 1 });
    expect(await b).toBe(await a);
    expect(f.reads()).toBe(1);
  });

  it('a consumer that had a read gets a new one; the other may still take the first within shareMs', async () => {
    const f = fixture(1000);
    const first = f.shared.take('elevator');
    await f.end();
    f.tick(900);
    expect(await f.shared.take('supervision')).toBe(await first);
    const again = f.shared.take('elevator');
    expect(f.reads()).toBe(2);
    await f.end();
    expect((await again).items).toEqual([2, 2, 2]);
  });

  it('a read that ended longer than shareMs ago is not given out: the consumer reads anew', async () => {
    const f = fixture(1000);
    void f.shared.take('elevator');
    await f.end();
    f.tick(1001);
    const late = f.shared.take('supervision');
    await f.end();
    expect((await late).items).toEqual([2, 2, 2]);
    expect(f.reads()).toBe(2);
  });

  it('a failed read fails every consumer that took it, and the next asks read again', async () => {
    const f = fixture();
    f.failNext();
    const both = Promise.allSettled([f.shared.take('elevator'), f.shared.take('supervision')]);
    await f.end();
    expect((await both).map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'platform down',
      'platform down',
    ]);
    void f.shared.take('supervision');
    expect(f.reads()).toBe(2);
  });
});
