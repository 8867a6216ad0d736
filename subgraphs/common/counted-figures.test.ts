/**
 * Counted figures: reuse within the maximum age, stale answers while recounting, one count in flight, failures not
 * kept; the live events of districts whose figures a recount changed.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { createLogger } from '../../runtime/logger.ts';
import type { LiveEvent } from '../../graph/live-events.ts';
import { CountedFigures } from './counted-figures.ts';
import { changedFiguresPublisher } from './figures-events.ts';

const logger = createLogger({ level: 'silent', name: 'test' });

/** A count that the test releases by hand, so "while a recount runs" can be observed. */
function controlledSource() {
  const pending: { key: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  let calls = 0;
  const count = (key: string) => {
    calls += 1;
    const n = calls;
    return new Promise<{ key: string; n: number }>((resolve, reject) => {
      pending.push({ key, resolve: () => resolve({ key, n }), reject });
    });
  };
  const settle = async (error?: Error) => {
    const next = pending.shift()!;
    if (error) next.reject(error);
    else next.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { count, calls: () => calls, settle, pending: () => pending.length };
}

function manualClock(start: string): { now(): number; advance(ms: number): void } {
  let now = Date.parse(start);
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('counted figures', () => {
  it('counts once for concurrent first requests, then reuses the count within the maximum age', async () => {
    const source = controlledSource();
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    const figures = new CountedFigures(source.count, 60_000, logger, clock.now);
    const both = Promise.all([figures.get('day'), figures.get('day')]);
    await source.settle();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(a.value).toEqual({ key: 'day', n: 1 });
    clock.advance(59_000);
    expect(await figures.get('day')).toBe(a);
    expect(source.calls()).toBe(1);
  });

  it('past the maximum age serves the last count while one recount runs, then the new count', async () => {
    const source = controlledSource();
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    const figures = new CountedFigures(source.count, 60_000, logger, clock.now);
    const first = figures.get('day');
    await source.settle();
    const a = await first;
    clock.advance(61_000);
    expect(await figures.get('day')).toBe(a); // stale, and a recount started
    expect(await figures.get('day')).toBe(a); // still stale: the same recount, not a second one
    expect(source.calls()).toBe(2);
    await source.settle();
    const b = await figures.get('day');
    expect(b.value.n).toBe(2);
    expect(b.computedAt.getTime()).toBe(a.computedAt.getTime() + 61_000);
  });

  it('counts a new key before answering', async () => {
    const source = controlledSource();
    const figures = new CountedFigures(source.count, 60_000, logger, manualClock('2026-11-20T10:00:00+08:00').now);
    const first = figures.get('2026-11-20');
    await source.settle();
    await first;
    const next = figures.get('2026-11-21');
    expect(source.pending()).toBe(1);
    await source.settle();
    expect((await next).value).toEqual({ key: '2026-11-21', n: 2 });
  });

  it('counts on every request at maximum age 0', async () => {
    const source = controlledSource();
    const figures = new CountedFigures(source.count, 0, logger, manualClock('2026-11-20T10:00:00+08:00').now);
    const a = figures.get('k');
    await source.settle();
    await a;
    const b = figures.get('k');
    await source.settle();
    expect((await b).value.n).toBe(2);
  });

  it('does not keep a failure: a first count that fails is retried; a failed recount keeps the last figures', async () => {
    const source = controlledSource();
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    const figures = new CountedFigures(source.count, 60_000, logger, clock.now);
    const failing = expect(figures.get('day')).rejects.toThrow('down');
    await source.settle(new LegacyError('LEGACY_UNAVAILABLE', 'inspection', 'down'));
    await failing;
    const retry = figures.get('day');
    await source.settle();
    const good = await retry;
    clock.advance(61_000);
    expect(await figures.get('day')).toBe(good);
    await source.settle(new LegacyError('LEGACY_UNAVAILABLE', 'inspection', 'down'));
    expect(await figures.get('day')).toBe(good); // served again, and another recount is under way
    expect(source.pending()).toBe(1);
    await source.settle();
  });
});

describe('figures changed events', () => {
  it('after each recount, one event per district whose figures changed; none for the first count', async () => {
    const published: LiveEvent[][] = [];
    const counts = [
      new Map([
        ['310101', { overdue: 1 }],
        ['310104', { overdue: 2 }],
      ]),
      new Map([
        ['310101', { overdue: 1 }],
        ['310104', { overdue: 3 }],
      ]),
      new Map([
        ['310101', { overdue: 1 }],
        ['310104', { overdue: 3 }],
      ]),
    ];
    const clock = manualClock('2026-11-20T10:00:00+08:00');
    let n = 0;
    const figures = new CountedFigures(
      async () => counts[n++]!,
      0,
      logger,
      clock.now,
      'inspection',
      changedFiguresPublisher((events) => published.push([...events]), 'inspection'),
    );
    await figures.get('day');
    expect(published).toEqual([]);
    clock.advance(1_000);
    await figures.get('day');
    expect(published).toEqual([
      [
        {
          type: 'figures',
          id: 'figures:310104:inspection:2026-11-20T02:00:01.000Z',
          district: '310104',
          systems: ['inspection'],
          at: '2026-11-20T02:00:01.000Z',
          publishedAt: expect.any(Number),
        },
      ],
    ]);
    await figures.get('day');
    expect(published).toHaveLength(1);
  });
});
