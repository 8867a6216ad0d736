import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { IndexFile } from './index-file.ts';
import { KEEP_EVERY_MS, Refreshing } from './refreshing.ts';

const logger = createLogger({ level: 'silent', name: 'test' });

function fixture(maxAgeMs = 1000, file?: { path: string; servable?: (v: { n: number }) => boolean }) {
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
    file: file && {
      store: new IndexFile({ path: file.path, format: 1, source: 'test', logger }),
      servable: file.servable ?? (() => true),
    },
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

describe('Refreshing with a kept value (the index kept for the next start)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const kept = () => {
    dir = mkdtempSync(join(tmpdir(), 'eg-refreshing-'));
    return join(dir, 'index.v8');
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('none kept: warmUp awaits a build and keeps it; the next start serves it without building', async () => {
    const path = kept();
    const first = fixture(1000, { path });
    await first.value.warmUp();
    expect(first.builds()).toBe(1);
    await until(() => existsSync(path));
    const next = fixture(1000, { path });
    await next.value.warmUp();
    expect(next.builds()).toBe(0);
    expect(await next.value.current()).toEqual({ n: 1, at: new Date(0) });
  });

  it('a kept value past its age is served at once (its own build time), rebuilt behind its first answer, not during the start', async () => {
    const path = kept();
    await fixture(1000, { path }).value.warmUp();
    await until(() => existsSync(path));
    const next = fixture(1000, { path });
    next.tick(5000);
    await next.value.warmUp();
    await new Promise((r) => setTimeout(r, 50));
    expect(next.builds()).toBe(0);
    expect(await next.value.current()).toEqual({ n: 1, at: new Date(0) });
    await until(() => next.builds() === 1);
    expect(next.builds()).toBe(1);
  });

  it('keeps the first build of a start, then one build per KEEP_EVERY_MS (writing holds the loop)', async () => {
    const path = kept();
    const f = fixture(1000, { path });
    const keptN = async () =>
      (await new IndexFile<{ n: number }>({ path, format: 1, source: 'test', logger }).read())?.n;
    const rebuild = async (ms: number) => {
      f.tick(ms);
      await f.value.current();
      f.release();
      const before = f.builds();
      await until(() => f.builds() > before);
      await new Promise((r) => setTimeout(r, 50)); // a write, if any, runs after the build
    };
    await f.value.warmUp();
    await until(() => existsSync(path));
    expect(await keptN()).toBe(1);
    await rebuild(2000);
    expect(f.builds()).toBe(2);
    expect(await keptN()).toBe(1);
    await rebuild(KEEP_EVERY_MS);
    expect(f.builds()).toBe(3);
    for (let i = 0; i < 100 && (await keptN()) !== 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await keptN()).toBe(3);
  });

  it('a kept value it may not serve (another day) is not served: warmUp awaits a build', async () => {
    const path = kept();
    await fixture(1000, { path }).value.warmUp();
    await until(() => existsSync(path));
    const next = fixture(1000, { path, servable: () => false });
    await next.value.warmUp();
    expect(next.builds()).toBe(1);
    expect((await next.value.current()).n).toBe(1);
  });
});
