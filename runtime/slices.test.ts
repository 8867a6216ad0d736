/** Sliced passes give what the one-pass versions give, and let the event loop run between slices. */
import { describe, expect, it } from 'vitest';
import { Slicer, forEachSliced, mapSliced, sortSliced } from './slices.ts';

/** A slicer whose every slice is due at once: pauses as often as it can. */
const eager = () => new Slicer(0);

describe('sliced passes', () => {
  it('sortSliced orders as Array.prototype.sort does, ties in their first order (stable)', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const n of [0, 1, 5, 1023, 1024, 1025, 5000, 20_000]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: `k${Math.floor(random() * n * 0.3)}`, i }));
      const compare = (a: (typeof items)[number], b: (typeof items)[number]) => a.key.localeCompare(b.key);
      expect(await sortSliced(items, compare, eager())).toEqual([...items].sort(compare));
    }
  });

  it('mapSliced and forEachSliced visit every item in order', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => i);
    expect(await mapSliced(items, (x, i) => x * 2 + i, eager())).toEqual(items.map((x, i) => x * 2 + i));
    const seen: number[] = [];
    await forEachSliced(new Set(items), (x) => seen.push(x), eager());
    expect(seen).toEqual(items);
  });

  it('gives the event loop turns during a long pass, not only after it', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    let ranAt: number | undefined;
    let visited = 0;
    setImmediate(() => (ranAt = visited));
    await forEachSliced(items, () => visited++, eager());
    expect(ranAt).toBeGreaterThan(0);
    expect(ranAt).toBeLessThan(items.length);
    // Without slices, the same pass runs to its end before any callback of the loop.
    let unslicedAt: number | undefined;
    visited = 0;
    setImmediate(() => (unslicedAt = visited));
    items.forEach(() => visited++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unslicedAt).toBe(items.length);
  });
});
