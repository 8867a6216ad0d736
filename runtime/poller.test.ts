import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { Poller } from './poller.ts';

const quiet = createLogger({ level: 'silent', name: 'poller-test' });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('Poller', () => {
  it('runs a pass at once, then every interval, never two at a time, and keeps going after a failure', async () => {
    let running = 0;
    let overlapped = false;
    let passes = 0;
    const poller = new Poller(
      async () => {
        running++;
        overlapped ||= running > 1;
        passes++;
        await new Promise((r) => setTimeout(r, 15));
        running--;
        if (passes === 2) throw new Error('a bad pass');
      },
      5,
      quiet,
      'test pass',
    );
    poller.start();
    expect(passes).toBe(1);
    await until(() => passes >= 4);
    await poller.stop();
    expect(passes).toBeGreaterThanOrEqual(4);
    expect(overlapped).toBe(false);
  });

  it('stop() waits for the pass in flight; nothing runs after it returns', async () => {
    let finished = 0;
    let started = 0;
    const poller = new Poller(
      async () => {
        started++;
        await new Promise((r) => setTimeout(r, 30));
        finished++;
      },
      1,
      quiet,
      'test pass',
    );
    poller.start();
    await poller.stop();
    expect(finished).toBe(started);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(1);
  });

  it('refuses an interval that is not positive', () => {
    expect(() => new Poller(async () => {}, 0, quiet, 'x')).toThrow(/intervalMs must be > 0/);
  });
});
