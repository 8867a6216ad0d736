/**
 * An index snapshot kept in the data folder, so a restart serves the last one at once and rebuilds it
 * behind the answers (a city's builds read the platform for minutes). The file is one JSON header line,
 * then the snapshot in V8's serialisation (structured clone: maps, sets, dates, typed arrays and shared
 * references come back as they were built, so the restored snapshot is the same graph, not a copy per
 * reference). An index with hundreds of thousands of rows gives a `form` that keeps them as a table
 * instead (row-table.ts): V8 rebuilds a graph of objects property by property and every string as its own
 * copy (a city's elevator index: 4-10 s by the machine's load, 341 MiB), where its columns come back in
 * 1.5 s with one copy of each repeated value (165 MiB). It is written atomically (temporary file, then
 * rename), readable by its owner only (0600: it holds what the index holds), and trusted only when its
 * header says the same format and source and its checksum matches: any other file (another format or
 * seed, a corrupt or cut-off file, a body its form cannot restore) is ignored with a log line, and the
 * index is built as if there were none. It never crashes a start.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Logger } from '../../runtime/logger.ts';

/** Where an index keeps its builds, and what they are built from (e.g. the seeded data folder's name). */
export interface KeepIndex {
  readonly dir: string;
  readonly source: string;
}

export const keptIndexPath = (keep: KeepIndex, index: string) => join(keep.dir, `${index}-index.v8`);

interface Header {
  /** The snapshot's shape: bumped by the index whenever what it holds changes. */
  readonly format: number;
  /** What it was built from and how (the seeded data, the rules): another source is another index. */
  readonly source: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What is written for a snapshot and how it is made one again; by default the snapshot itself. */
export interface KeptForm<T> {
  readonly keep: (snapshot: T) => Promise<unknown>;
  /** Throws when `kept` is not what `keep` writes (the file is then ignored). */
  readonly restore: (kept: unknown) => Promise<T>;
}

export interface IndexFileOptions<T> {
  readonly path: string;
  readonly format: number;
  readonly source: string;
  readonly logger: Logger;
  readonly form?: KeptForm<T>;
}

export class IndexFile<T> {
  constructor(private readonly options: IndexFileOptions<T>) {}

  /** The snapshot kept, or undefined (none, or one not to trust: logged). */
  async read(): Promise<T | undefined> {
    const { path, logger } = this.options;
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn({ path, err: error }, 'index snapshot unreadable: building the index');
      return undefined;
    }
    const rejected = (reason: string) => {
      logger.warn({ path, reason }, 'index snapshot ignored: building the index');
      return undefined;
    };
    const end = file.indexOf(0x0a);
    if (end < 0) return rejected('no header');
    let header: Partial<Header>;
    try {
      header = JSON.parse(file.subarray(0, end).toString('utf8')) as Partial<Header>;
    } catch {
      return rejected('header is not JSON');
    }
    if (header.format !== this.options.format)
      return rejected(`format ${String(header.format)}, expected ${this.options.format}`);
    if (header.source !== this.options.source) return rejected('built from another source');
    const body = file.subarray(end + 1);
    if (body.length !== header.bytes || createHash('sha256').update(body).digest('hex') !== header.sha256)
      return rejected('checksum does not match (corrupt or cut off)');
    try {
      const kept: unknown = deserialize(body);
      return this.options.form ? await this.options.form.restore(kept) : (kept as T);
    } catch (error) {
      return rejected(`unreadable body: ${(error as Error).message}`);
    }
  }

  /** Keeps `snapshot` in place of the previous one (atomically: a reader sees the old file or the new). */
  async write(snapshot: T): Promise<void> {
    const { path, format, source, form } = this.options;
    const body = serialize(form ? await form.keep(snapshot) : snapshot);
    const header: Header = {
      format,
      source,
      sha256: createHash('sha256').update(body).digest('hex'),
      bytes: body.length,
    };
    const temporary = `${path}.${process.pid}.tmp`;
    await this.removeLeftovers();
    // Its own folder only: when the data folder itself is gone (a stack being removed), nothing is made again.
    await mkdir(dirname(path), { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    try {
      await writeFile(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]), { mode: 0o600 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Temporary files of writes a stopped process left half done (each is as large as the index). */
  private async removeLeftovers(): Promise<void> {
    const { path } = this.options;
    const prefix = `${basename(path)}.`;
    const names = await readdir(dirname(path)).catch(() => []);
    for (const name of names)
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(path), name), { force: true });
  }
}
