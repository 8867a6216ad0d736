/**
 * Maps a graph page (offset, limit) onto the platform's pageNo/pageSize pages. An aligned page is one
 * call; an unaligned one spans at most two capped pages (limit is never above the cap).
 */
import type { PageRequest } from './types.ts';

export interface LegacyPage {
  readonly pageNo: number;
  readonly pageSize: number;
}

function legacyPagesFor(page: PageRequest, cap: number): { pages: LegacyPage[]; skip: number } {
  if (page.limit === 0) return { pages: [{ pageNo: 1, pageSize: 1 }], skip: 0 };
  if (page.limit <= cap && page.offset % page.limit === 0) {
    return { pages: [{ pageNo: page.offset / page.limit + 1, pageSize: page.limit }], skip: 0 };
  }
  const first = Math.floor(page.offset / cap);
  const last = Math.floor((page.offset + page.limit - 1) / cap);
  const pages: LegacyPage[] = [];
  for (let p = first; p <= last; p++) pages.push({ pageNo: p + 1, pageSize: cap });
  return { pages, skip: page.offset - first * cap };
}

/** Fetches the pages in order, stopping at the end of the list, and cuts out the requested window. */
export async function readWindow<R>(
  page: PageRequest,
  cap: number,
  fetch: (p: LegacyPage) => Promise<{ total: number; records: readonly R[] }>,
): Promise<{ total: number; records: R[] }> {
  const { pages, skip } = legacyPagesFor(page, cap);
  const records: R[] = [];
  let total = 0;
  for (const p of pages) {
    const answer = await fetch(p);
    total = answer.total;
    records.push(...answer.records);
    if (answer.records.length < p.pageSize) break;
  }
  return { total, records: records.slice(skip, skip + page.limit) };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
