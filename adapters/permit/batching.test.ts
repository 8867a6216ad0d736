import { describe, expect, it } from 'vitest';
import { chunk, planPages } from './batching.ts';

describe('planPages', () => {
  it('puts a window on one page whenever a page size within the cap allows', () => {
    expect(planPages(0, 20, 50)).toEqual({ pages: [{ pageNo: 1, pageSize: 20 }], skip: 0 });
    expect(planPages(20, 20, 50)).toEqual({ pages: [{ pageNo: 2, pageSize: 20 }], skip: 0 });
    // Rows 25..34 straddle pages of 10 and 11; page 3 of size 12 (rows 24..35) holds them all.
    expect(planPages(25, 10, 50)).toEqual({ pages: [{ pageNo: 3, pageSize: 12 }], skip: 1 });
    expect(planPages(7, 3, 50)).toEqual({ pages: [{ pageNo: 2, pageSize: 5 }], skip: 2 });
  });

  it('falls back to consecutive full pages, and asks one row for a total-only window', () => {
    expect(planPages(0, 100, 50)).toEqual({
      pages: [
        { pageNo: 1, pageSize: 50 },
        { pageNo: 2, pageSize: 50 },
      ],
      skip: 0,
    });
    expect(planPages(7, 45, 50)).toEqual({
      pages: [
        { pageNo: 1, pageSize: 50 },
        { pageNo: 2, pageSize: 50 },
      ],
      skip: 7,
    });
    expect(planPages(120, 0, 50)).toEqual({ pages: [{ pageNo: 121, pageSize: 1 }], skip: 0 });
  });
});

describe('chunk', () => {
  it('cuts into pieces of at most the size, in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 50)).toEqual([]);
  });
});
