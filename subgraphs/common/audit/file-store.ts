/**
 * The embedded audit store: one JSON line per record, appended (O_APPEND, one write per record, so the
 * subgraphs of one start, on their threads, never interleave a line). Reading streams the file line by
 * line and keeps only the page asked for, so a long trail costs time, not memory: fit for one machine's
 * trail; a city's belongs in PostgreSQL (AUDIT_DATABASE_URL).
 *
 * A process killed in the middle of a write can leave a torn last line. It is kept as it is (the trail
 * is never rewritten), a newline is added after it on open so the next record starts a line of its
 * own, and reading skips any line that is not a record (`npm run audit` shows the file as it is).
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { type AuditRecord, type AuditTrail, matchesAuditFilter } from './trail.ts';

export async function fileAuditTrail(path: string): Promise<AuditTrail> {
  await mkdir(dirname(path), { recursive: true });
  await endTornLine(path);
  return {
    async append(record) {
      await appendFile(path, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600, flag: 'a' });
    },
    async read(filter, page) {
      const items: AuditRecord[] = [];
      let total = 0;
      for await (const line of lines(path)) {
        if (line.trim() === '') continue;
        const record = parseRecord(line);
        if (record === undefined || !matchesAuditFilter(record, filter)) continue;
        if (total >= page.offset && items.length < page.limit) items.push(record);
        total++;
      }
      return { items, total };
    },
    async close() {},
  };
}

/** Adds a newline after a last line a crash left without one; a missing or empty file is left alone. */
async function endTornLine(path: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const { size } = await file.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await appendFile(path, '\n', { flag: 'a' });
  } finally {
    await file.close();
  }
}

async function* lines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    yield* createInterface({ input: stream, crlfDelay: Infinity });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    stream.destroy();
  }
}

function parseRecord(line: string): AuditRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<AuditRecord> | null;
    return value !== null &&
      typeof value === 'object' &&
      typeof value.at === 'string' &&
      typeof value.subject === 'string'
      ? (value as AuditRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
