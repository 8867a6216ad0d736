import { describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { Refreshing } from './refreshing.ts';

const logger = createLogger({ level: 'silent', name: 'test' });

function fixture(maxAgeMs = 1000) {
  let clock = 0;
  let builds = 0;
  let fail = false;
  let release: (() => void) | undefined;
  const value = new Refreshing<{ n: number; at: Date }>({
    build: async () => {
      if (fail) throw new Error('source down');
      await new Promise<void>((resolve) => {
        release = resolve;
        if (builds >= 1) return;
        resolve();
      });
      return { n: ++builds, at: new Date(clock) };
    },
    builtAt: (v) => v.at,
    maxAgeMs,
    logger,
    now: () => clock,
  });
  return {
    value,
    tick: (ms: number) => {
      clock += ms;
    },
    release: () => release?.(),
    failNext: (f: boolean) => {
      fail = f;
    },
    builds: () => builds,
  };
}

describe('Refreshing (stale-while-revalidate)', () => {
  it('the first caller waits for the first build; concurrent first callers share it', async () => {
    const f = fixture();
    const [a, b] = await Promise.all([f.value.current(), f.value.current()]);
    expect(a).toBe(b);
    expect(f.builds()).toBe(1);
  });

  it('a value older than maxAgeMs is still served while one rebuild runs behind it', async () => {
    const f = fixture();
    const first = await f.value.current();
    f.tick(1500);
    expect(await f.value.current()).toBe(first); // stale, served at once; a rebuild starts
    expect(await f.value.current()).toBe(first); // no second rebuild while one runs
    f.release();
    await new Promise((r) => setTimeout(r, 0));
    expect((await f.value.current()).n).toBe(2);
    expect(f.builds()).toBe(2);
  });

  it('a failed rebuild keeps the previous value in service', async () => {
    const f = fixture();
    const first = await f.value.current();
    f.failNext(true);
    await expect(f.value.refresh()).rejects.toThrow('source down');
    expect(await f.value.current()).toBe(first);
  });

  it('refuses a maxAgeMs that is not positive', () => {
    expect(() => fixture(0)).toThrow(/maxAgeMs/);
  });
});
