/** The seeded data folder: generated once, reused by later starts, re-seeded when left half-written. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../legacy/seed/world.ts';
import { createLogger } from '../runtime/logger.ts';
import { SEEDED_FORMAT, ensureSeeded, seedFolder } from './seed-data.ts';

const spec = { scale: 'test', seed: 7, asOf: '2026-11-01' } as const;
const logger = createLogger({ level: 'silent', name: 'test' });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fixture() {
  const dataDir = mkdtempSync(join(tmpdir(), 'eg-seeded-'));
  dirs.push(dataDir);
  let generated = 0;
  const generate = () => {
    generated++;
    return { scale: 'test' } as unknown as World;
  };
  const preparers = { permit: async (_w: World, dir: string) => writeFileSync(`${dir}.txt`, 'prepared') };
  return { dataDir, generate, preparers, generated: () => generated };
}

describe('seeded data folder', () => {
  it('names the folder by scale, seed, as-of date and format, generates once and reuses it', async () => {
    const f = fixture();
    expect(basename(seedFolder(f.dataDir, spec))).toBe(`test-7-2026-11-01-v${SEEDED_FORMAT}`);
    const first = await ensureSeeded(f.dataDir, spec, f.generate, f.preparers, logger);
    expect(first.generated).toBe(true);
    expect(readFileSync(join(first.dir, 'permit.txt'), 'utf8')).toBe('prepared');
    const again = await ensureSeeded(f.dataDir, spec, f.generate, f.preparers, logger);
    expect(again).toMatchObject({ dir: first.dir, generated: false });
    expect(f.generated()).toBe(1);
  });

  it('seeds again over a folder an interrupted start left without its marker', async () => {
    const f = fixture();
    const first = await ensureSeeded(f.dataDir, spec, f.generate, f.preparers, logger);
    rmSync(join(first.dir, 'seeded.json'));
    writeFileSync(join(first.dir, 'half-written'), '');
    const again = await ensureSeeded(f.dataDir, spec, f.generate, f.preparers, logger);
    expect(again.generated).toBe(true);
    expect(existsSync(join(first.dir, 'half-written'))).toBe(false);
    expect(f.generated()).toBe(2);
  });

  it('does not save the marker when a preparer fails, so the next start seeds again', async () => {
    const f = fixture();
    const failing = {
      permit: async () => {
        throw new Error('disk full');
      },
    };
    await expect(ensureSeeded(f.dataDir, spec, f.generate, failing, logger)).rejects.toThrow('disk full');
    expect(existsSync(join(seedFolder(f.dataDir, spec), 'seeded.json'))).toBe(false);
  });
});
