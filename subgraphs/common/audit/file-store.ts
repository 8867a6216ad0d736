/**
 * The embedded audit store: one JSON line per record, appended (O_APPEND, one write per record, so the
 * subgraphs of one start, on their threads, never interleave a line). Reading scans the file: fit for
 * one machine's trail; a city's belongs in PostgreSQL (AUDIT_DATABASE_URL).
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type AuditRecord, type AuditTrail, matchesAuditFilter } from './trail.ts';

export async function fileAuditTrail(path: string): Promise<AuditTrail> {
  await mkdir(dirname(path), { recursive: true });
  const all = async (): Promise<AuditRecord[]> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as AuditRecord);
  };
  return {
    async append(record) {
      await appendFile(path, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600, flag: 'a' });
    },
    async read(filter, page) {
      const matching = (await all()).filter((r) => matchesAuditFilter(r, filter));
      return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
    },
    async close() {},
  };
}
