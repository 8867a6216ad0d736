/**
 * Hand-made deliveries into a credit drop folder, written the platform's way (the stand-in's row and
 * file encoders): a snapshot of chosen records, any lines, with a done-marker that matches or not; and
 * moving a delivered file (with its marker) out of the folder and back, to make it arrive late.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetCode, HEADERS, feedStateOf, snapshotRows } from '../../../legacy/credit/datasets.ts';
import { csvLine, dropFileName, fileBody, gbk } from '../../../legacy/credit/files.ts';
import type { CreditState, World } from '../../../legacy/seed/world.ts';
import { testUscc } from './hand-world.ts';

export const snapshotName = (dataset: DatasetCode, on: string): string => dropFileName(dataset, 'FULL', on);

/** A snapshot file of `dataset` holding `state`'s records, dated `on`. */
export function snapshotBody(state: CreditState, dataset: DatasetCode, on: string): Buffer {
  const rows = snapshotRows(state, feedStateOf(state).names, on)[dataset];
  return fileBody([csvLine([...HEADERS[dataset]]), ...rows.map(csvLine)].map(gbk));
}

/** A register snapshot of the world's enterprises as they stand after its increments, cut to the first `n`. */
export const registerSnapshot = (world: World, n: number, on: string): Buffer =>
  snapshotBody({ ...world.credit.snapshot, enterprises: world.enterprises.slice(0, n) }, 'QYJBXX', on);

/** A file of the header alone: valid, and empty. */
export const headerOnlyBody = (dataset: DatasetCode): Buffer => fileBody([gbk(csvLine([...HEADERS[dataset]]))]);

/** A file of the header and `lines`, in GBK as the platform writes it, or in UTF-8 (which no GBK reader decodes). */
export function linesBody(dataset: DatasetCode, lines: readonly string[], encoding: 'gbk' | 'utf8' = 'gbk'): Buffer {
  const all = [csvLine([...HEADERS[dataset]]), ...lines];
  return encoding === 'gbk' ? fileBody(all.map(gbk)) : Buffer.from(all.map((l) => `${l}\r\n`).join(''), 'utf8');
}

/** An update row of the register for the hand-built world's enterprise `i`, under another name. */
export const registerLine = (i: number, name: string): string =>
  `${testUscc(i)},${name},有限责任公司,王建国,上海市测试路${i}号,310101,存续,20000110,U`;

/** Writes the file, then its done-marker (with another checksum when `markerSha256` is given: a damaged delivery). */
export async function deliverFile(dropDir: string, name: string, body: Buffer, markerSha256?: string): Promise<void> {
  await writeFile(join(dropDir, name), body);
  const sha = markerSha256 ?? createHash('sha256').update(body).digest('hex');
  await writeFile(join(dropDir, `${name}.ok`), `size=${body.length}\nsha256=${sha}\n`);
}

/** Moves delivered files (and markers) from one folder to another: out of the drop folder, or back to arrive late. */
export async function moveFiles(from: string, to: string, names: readonly string[]): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of names) for (const f of [name, `${name}.ok`]) await rename(join(from, f), join(to, f));
}
