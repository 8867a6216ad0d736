/**
 * Reading a whole paged legacy list, as an index refresh does: the first page tells the total, the rest
 * are read a few at a time (enough to hide each call's round trip; the adapters pace themselves to the
 * systems' rates). Malformed records are counted through `skip` and left out. The pages are joined in
 * slices (a city's million records), so the event loop turns meanwhile. With `progress`, how far the
 * reading is and its rate are shown (runtime/progress.ts): a city's index build reads for minutes.
 * `readAllMapped` maps each page as it arrives: a city's million full records (and their pages' parsed
 * JSON) are then never alive at once, only what the caller keeps of each.
 */
import type { Logger } from '../../runtime/logger.ts';
import { startProgress } from '../../runtime/progress.ts';
import { Slicer } from '../../runtime/slices.ts';

/** The legacy page size every system here accepts. */
export const LEGACY_PAGE = 100;
/** Pages in flight at once. */
const PARALLEL_PAGES = 4;

export type PageFetch<T> = (page: {
  offset: number;
  limit: number;
}) => Promise<{ items: readonly (T | Error)[]; total: number }>;

/** What a read is called in its progress lines, and where they go. */
export interface ReadProgress {
  readonly what: string;
  readonly logger: Logger;
}

export function readAll<T>(fetch: PageFetch<T>, skip: () => void, progress?: ReadProgress): Promise<T[]> {
  return readAllMapped(fetch, (item) => item, skip, progress);
}

/** `readAll`, each record mapped by `map` as its page arrives (a page is 100 records: a short synchronous step). */
export async function readAllMapped<T, R>(
  fetch: PageFetch<T>,
  map: (item: T) => R,
  skip: () => void,
  progress?: ReadProgress,
): Promise<R[]> {
  const mapPage = (items: readonly (T | Error)[]) => items.map((item) => (item instanceof Error ? item : map(item)));
  const first = await fetch({ offset: 0, limit: LEGACY_PAGE });
  const shown = progress && startProgress({ ...progress, total: first.total, unit: 'records' });
  shown?.advance(first.items.length);
  const pages: (readonly (R | Error)[])[] = [mapPage(first.items)];
  const offsets: number[] = [];
  for (let offset = LEGACY_PAGE; offset < first.total; offset += LEGACY_PAGE) offsets.push(offset);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const i = next++;
      const items = (await fetch({ offset: offsets[i]!, limit: LEGACY_PAGE })).items;
      pages[i + 1] = mapPage(items);
      shown?.advance(items.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PAGES, offsets.length) }, worker));
  } catch (error) {
    shown?.failed();
    throw error;
  }
  shown?.done();
  const out: R[] = [];
  const slicer = new Slicer();
  for (const items of pages) {
    for (const item of items) {
      if (item instanceof Error) skip();
      else out.push(item);
    }
    if (slicer.due(items.length)) await slicer.pause();
  }
  return out;
}
