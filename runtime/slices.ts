/**
 * Long synchronous passes (joining a city's records, parsing a register file) cut into slices of about
 * 20 ms, with a turn of the event loop between two slices, so the thread keeps answering requests,
 * timers and sockets meanwhile. Awaiting a resolved promise is not enough: that only runs microtasks,
 * never I/O; setImmediate lets the loop's I/O and timers run first.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work per slice: short enough that no answer waits noticeably, long enough that the pauses cost little. */
const SLICE_MS = 20;
/** Items between two looks at the clock (reading it per item would cost more than most items). */
const CHECK_EVERY = 256;

export class Slicer {
  private sliceStart = performance.now();
  private count = 0;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /**
   * True when the current slice has run its time: the caller should `await pause()`. Call once per item, or
   * once per batch with the batch's size as `items`.
   */
  due(items = 1): boolean {
    this.count += items;
    if (this.count < CHECK_EVERY) return false;
    this.count = 0;
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Gives the event loop a turn, then starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }
}

/** Calls `fn` for each item in order, pausing between slices. */
export async function forEachSliced<T>(
  items: Iterable<T>,
  fn: (item: T, index: number) => void,
  slicer = new Slicer(),
): Promise<void> {
  let index = 0;
  for (const item of items) {
    fn(item, index++);
    if (slicer.due()) await slicer.pause();
  }
}

/** `items.map(fn)`, pausing between slices. */
export async function mapSliced<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  slicer = new Slicer(),
): Promise<R[]> {
  const out = new Array<R>(items.length);
  await forEachSliced(items, (item, i) => (out[i] = fn(item, i)), slicer);
  return out;
}

/** Items per run sorted at once by Array.prototype.sort before the runs are merged (a few ms each). */
const RUN = 1024;

/**
 * A new array of the items in the order `[...items].sort(compare)` gives (stable, as that sort is), sorted in
 * runs and merged pairwise with pauses between slices, instead of in one pass that blocks the thread.
 */
export async function sortSliced<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  slicer = new Slicer(),
): Promise<T[]> {
  let from: T[] = [];
  for (let i = 0; i < items.length; i += RUN) {
    from.push(...items.slice(i, i + RUN).sort(compare));
    if (slicer.due(RUN)) await slicer.pause();
  }
  let to = new Array<T>(items.length);
  for (let width = RUN; width < items.length; width *= 2) {
    for (let left = 0; left < items.length; left += 2 * width) {
      const mid = Math.min(left + width, items.length);
      const end = Math.min(left + 2 * width, items.length);
      let i = left;
      let j = mid;
      for (let k = left; k < end; k++) {
        // Ties take the left run's item first: the merge keeps the sort stable.
        to[k] = j >= end || (i < mid && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (slicer.due()) await slicer.pause();
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
