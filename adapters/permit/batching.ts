/** Cutting work to the permit service's limit: key batches and the pages that cover a window. */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface PagePlan {
  /** Pages to ask for (YM from 1, all of one size). */
  readonly pages: readonly { pageNo: number; pageSize: number }[];
  /** Rows to skip in the concatenated pages to reach the window's first row. */
  readonly skip: number;
}

/**
 * The fewest service pages that cover rows [offset, offset + limit): one page when some page size
 * within the cap puts the whole window on one page (the usual first pages of a connection), else
 * consecutive pages of the largest size. A zero-row window still asks one row, for the total.
 */
export function planPages(offset: number, limit: number, maxPageSize: number): PagePlan {
  const want = Math.max(limit, 1);
  for (let size = want; size <= maxPageSize; size++) {
    if (Math.floor(offset / size) === Math.floor((offset + want - 1) / size)) {
      const pageNo = Math.floor(offset / size) + 1;
      return { pages: [{ pageNo, pageSize: size }], skip: offset - (pageNo - 1) * size };
    }
  }
  const first = Math.floor(offset / maxPageSize);
  const last = Math.floor((offset + want - 1) / maxPageSize);
  const pages = Array.from({ length: last - first + 1 }, (_, i) => ({ pageNo: first + i + 1, pageSize: maxPageSize }));
  return { pages, skip: offset - first * maxPageSize };
}
