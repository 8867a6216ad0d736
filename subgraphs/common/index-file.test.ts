import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { IndexFile, keptIndexPath } from './index-file.ts';

interface Kept {
  readonly refreshedAt: Date;
  readonly rows: readonly { code: string }[];
  readonly byCompany: ReadonlyMap<string, readonly { code: string }[]>;
  readonly years: ReadonlySet<number>;
  readonly days: Uint16Array;
}

function sample(): Kept {
  const rows = [{ code: 'A' }, { code: 'B' }];
  return {
    refreshedAt: new Date('2026-11-01T08:00:00Z'),
    rows,
    byCompany: new Map([['91310000X', rows]]),
    years: new Set([2024, 2025]),
    days: Uint16Array.from([3, 1, 2]),
  };
}

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function fixture(format = 1, source = 'city-20211-2026-11-01-v11') {
  const dir = mkdtempSync(join(tmpdir(), 'eg-index-file-'));
  dirs.push(dir);
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, callback) {
      const line = JSON.parse(String(chunk)) as { msg: string; reason?: string };
      warnings.push(`${line.msg}${line.reason ? `: ${line.reason}` : ''}`);
      callback();
    },
  });
  const path = keptIndexPath({ dir: join(dir, 'indexes'), source }, 'elevator');
  const logger = createLogger({ level: 'warn', name: 't' }, sink);
  return { dir, path, file: new IndexFile<Kept>({ path, format, source, logger }), logger, warnings };
}

describe('IndexFile (an index kept in the data folder for the next start)', () => {
  it('gives back what was written: maps, sets, dates, typed arrays, and shared rows still shared', async () => {
    const { file, path, warnings } = fixture();
    await file.write(sample());
    const kept = (await file.read())!;
    expect(kept).toEqual(sample());
    expect(kept.refreshedAt).toBeInstanceOf(Date);
    expect(kept.byCompany.get('91310000X')![0]).toBe(kept.rows[0]);
    // Readable by its owner only, in a folder of its own; no temporary file left.
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([]);
  });

  it('a write removes the temporary files of writes a stopped process left half done', async () => {
    const { file, path } = fixture();
    await file.write(sample());
    writeFileSync(`${path}.12345.tmp`, 'half written');
    await file.write(sample());
    expect(readdirSync(join(path, '..'))).toEqual(['elevator-index.v8']);
  });

  it('none kept: undefined, and nothing logged', async () => {
    const { file, warnings } = fixture();
    expect(await file.read()).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('a newer write replaces the older one whole', async () => {
    const { file } = fixture();
    await file.write(sample());
    await file.write({ ...sample(), rows: [{ code: 'C' }] });
    expect((await file.read())!.rows).toEqual([{ code: 'C' }]);
  });

  it.each([
    [
      'a flipped byte',
      (b: Buffer) => (b.writeUInt8(b.readUInt8(b.length - 5) ^ 0xff, b.length - 5), b),
      'checksum does not match (corrupt or cut off)',
    ],
    ['a cut-off file', (b: Buffer) => b.subarray(0, b.length - 10), 'checksum does not match (corrupt or cut off)'],
    ['no header', () => Buffer.from('garbage'), 'no header'],
    ['a header that is not JSON', () => Buffer.from('{not json\nrest'), 'header is not JSON'],
  ])('%s is ignored with a log line, never thrown', async (_name, spoil, reason) => {
    const { file, path, warnings } = fixture();
    await file.write(sample());
    writeFileSync(path, spoil(readFileSync(path)));
    expect(await file.read()).toBeUndefined();
    expect(warnings).toEqual([`index snapshot ignored: building the index: ${reason}`]);
  });

  it.each([
    ['another format', 2, 'city-20211-2026-11-01-v11', 'format 1, expected 2'],
    ['another source (seed)', 1, 'city-7-2026-11-01-v11', 'built from another source'],
  ])('a file of %s is ignored with a log line', async (_name, format, source, reason) => {
    const { file, path } = fixture(1, 'city-20211-2026-11-01-v11');
    await file.write(sample());
    const other = fixture(format, source);
    const reader = new IndexFile<Kept>({ path, format, source, logger: other.logger });
    expect(await reader.read()).toBeUndefined();
    expect(other.warnings).toEqual([`index snapshot ignored: building the index: ${reason}`]);
  });

  it('with a form, keeps what the form makes of the snapshot and restores it through the form', async () => {
    const { path, logger, warnings } = fixture();
    const form = {
      keep: (kept: Kept) => Promise.resolve({ codes: kept.rows.map((r) => r.code), rest: { ...kept, rows: [] } }),
      restore: (value: unknown) => {
        const { codes, rest } = value as { codes: string[]; rest: Kept };
        return Promise.resolve({ ...rest, rows: codes.map((code) => ({ code })) });
      },
    };
    const file = new IndexFile<Kept>({ path, format: 1, source: 'city-20211-2026-11-01-v11', logger, form });
    await file.write(sample());
    expect((await file.read())!.rows).toEqual(sample().rows);
    const plain = new IndexFile<{ codes: string[] }>({ path, format: 1, source: 'city-20211-2026-11-01-v11', logger });
    expect((await plain.read())!.codes).toEqual(['A', 'B']);
    expect(warnings).toEqual([]);
  });

  it('a body its form cannot restore is ignored with a log line, never thrown', async () => {
    const { file: plain, path, logger, warnings } = fixture();
    await plain.write(sample());
    const form = { keep: () => Promise.resolve({}), restore: () => Promise.reject(new Error('not a kept index')) };
    const file = new IndexFile<Kept>({ path, format: 1, source: 'city-20211-2026-11-01-v11', logger, form });
    expect(await file.read()).toBeUndefined();
    expect(warnings).toEqual(['index snapshot ignored: building the index: unreadable body: not a kept index']);
  });
});
