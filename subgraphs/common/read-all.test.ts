import { describe, expect, it } from 'vitest';
import { LEGACY_PAGE, type PageFetch, readAll, readAllMapped } from './read-all.ts';

/** A list of `total` records (every 7th malformed), recording each page fetched and each record mapped in turn. */
function fixture(total: number) {
  const events: string[] = [];
  const fetch: PageFetch<{ n: number; items: string[] }> = async ({ offset, limit }) => {
    await new Promise((r) => setImmediate(r));
    events.push(`page ${offset}`);
    const items = [];
    for (let n = offset; n < Math.min(offset + limit, total); n++)
      items.push(n % 7 === 3 ? new Error(`bad ${n}`) : { n, items: ['a', 'b'] });
    return { items, total };
  };
  return { events, fetch };
}

describe('readAll / readAllMapped (a whole paged legacy list)', () => {
  it('gives every well-formed record in order and counts the malformed ones', async () => {
    const { fetch } = fixture(1_050);
    let skipped = 0;
    const all = await readAll(fetch, () => void skipped++);
    expect(all.map((r) => r.n)).toEqual([...Array(1_050).keys()].filter((n) => n % 7 !== 3));
    expect(skipped).toBe(150);
  });

  it('maps each page as it arrives, before the next pages are read, and keeps only what the map gives', async () => {
    const { events, fetch } = fixture(10 * LEGACY_PAGE);
    let skipped = 0;
    const mappedPages = new Set<number>();
    const mapped = await readAllMapped(
      fetch,
      (r) => {
        const offset = r.n - (r.n % LEGACY_PAGE);
        if (!mappedPages.has(offset)) events.push(`map ${offset}`);
        mappedPages.add(offset);
        return r.n * 2;
      },
      () => void skipped++,
    );
    expect(mapped).toEqual([...Array(10 * LEGACY_PAGE).keys()].filter((n) => n % 7 !== 3).map((n) => n * 2));
    expect(skipped).toBe(143);
    // Each page's records are mapped right after it arrives, while later pages are still to be read.
    for (let offset = 0; offset < 10 * LEGACY_PAGE; offset += LEGACY_PAGE)
      expect(events.indexOf(`map ${offset}`)).toBe(events.indexOf(`page ${offset}`) + 1);
    expect(events.indexOf(`map 0`)).toBeLessThan(events.indexOf(`page ${LEGACY_PAGE}`));
  });

  it('maps no malformed record', async () => {
    const { fetch } = fixture(20);
    const seen: number[] = [];
    await readAllMapped(
      fetch,
      (r) => seen.push(r.n),
      () => undefined,
    );
    expect(seen).not.toContain(3);
    expect(seen).toHaveLength(17);
  });
});
