import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.ts';
import { formatProgress, startProgress } from './progress.ts';

function logged(): { logger: ReturnType<typeof createLogger>; lines: () => { msg: string; done: number }[] } {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, callback) {
      raw.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: 'info', name: 'test' }, sink);
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as { msg: string; done: number }) };
}

describe('progress', () => {
  it('says what, how far and at what rate', () => {
    expect(formatProgress('elevator index: platform pages', 1500, 304_634, 'records', 2000, 'page 15')).toBe(
      'elevator index: platform pages 1,500/304,634 records (0%), 750 records/s, 2 s — page 15',
    );
    expect(formatProgress('seeding city', 0, 0, 'steps', 0)).toBe('seeding city 0/0 steps (100%), 0 steps/s, 0 s');
  });

  it('logs each tenth of the way, or after 5 s without one, and a summary when done', () => {
    let clock = 0;
    const { logger, lines } = logged();
    const progress = startProgress({
      what: 'reading',
      total: 1000,
      unit: 'records',
      logger,
      terminal: { isTTY: false, write: () => true },
      now: () => clock,
    });
    for (let i = 0; i < 25; i++) {
      clock += 10;
      progress.advance(10);
    }
    expect(lines().map((l) => l.done)).toEqual([100, 200]);
    clock += 6_000;
    progress.advance(1);
    expect(lines().map((l) => l.done)).toEqual([100, 200, 251]);
    for (let i = 0; i < 74; i++) progress.advance(10);
    progress.advance(9);
    progress.done();
    progress.done();
    const all = lines();
    expect(all.map((l) => l.done)).toEqual([100, 200, 251, 301, 401, 501, 601, 701, 801, 901, 1000]);
    expect(all.at(-1)!.msg).toMatch(/^reading 1,000\/1,000 records \(100%\), .* s, done$/);
  });

  it('rewrites one line on a terminal, at most every 200 ms unless a new part starts, and logs nothing', () => {
    let clock = 0;
    const written: string[] = [];
    const { logger, lines } = logged();
    const progress = startProgress({
      what: 'seeding city',
      total: 4,
      unit: 'steps',
      logger,
      terminal: { isTTY: true, write: (text: string) => written.push(text) },
      now: () => clock,
    });
    clock = 100;
    progress.advance(1, 'permit store');
    clock = 300;
    progress.advance(1, 'elevator store');
    clock = 350;
    progress.advance(1, 'elevator store');
    progress.done();
    expect(written).toEqual([
      '\r\x1b[Kseeding city 1/4 steps (25%), 10 steps/s, 0 s — permit store',
      '\r\x1b[Kseeding city 2/4 steps (50%), 7 steps/s, 0 s — elevator store',
      '\r\x1b[Kseeding city 3/4 steps (75%), 9 steps/s, 0 s, done\n',
    ]);
    expect(lines()).toEqual([]);
  });

  it('tells a long part is still under way every 5 s, and stops when it fails', () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const { logger, lines } = logged();
      const progress = startProgress({
        what: 'seeding city',
        total: 5,
        unit: 'steps',
        logger,
        terminal: { isTTY: false, write: () => true },
        now: () => clock,
      });
      progress.advance(1, 'writing the inspection store');
      clock = 5_000;
      vi.advanceTimersByTime(5_000);
      clock = 10_000;
      vi.advanceTimersByTime(5_000);
      progress.failed();
      progress.done();
      clock = 20_000;
      vi.advanceTimersByTime(10_000);
      expect(lines().map((l) => l.msg)).toEqual([
        'seeding city 1/5 steps (20%), 0 steps/s, 0 s — writing the inspection store',
        'seeding city 1/5 steps (20%), 0 steps/s, 5 s — writing the inspection store',
        'seeding city 1/5 steps (20%), 0 steps/s, 10 s — writing the inspection store',
        'seeding city 1/5 steps (20%), 0 steps/s, 10 s — writing the inspection store, failed',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
