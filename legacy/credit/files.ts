/**
 * How the platform writes one batch file: CSV lines joined by CRLF (its servers run Windows), GBK
 * encoded, and a done-marker `<file>.ok` written only after the file is complete.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { type DatasetCode, type Row, legacyDate } from './datasets.ts';

export type FileKind = 'FULL' | 'INC';

/** e.g. QYJBXX_FULL_20261018.csv, QYNB_INC_20261019.csv */
export const dropFileName = (dataset: DatasetCode, kind: FileKind, date: string): string =>
  `${dataset}_${kind}_${legacyDate(date)}.csv`;

/** Quotes a field only when it must; the platform never puts line breaks inside a field. */
function csvField(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return /[",]/.test(flat) ? `"${flat.replaceAll('"', '""')}"` : flat;
}

export const csvLine = (row: Row): string => row.map(csvField).join(',');

export const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');

const CRLF = Buffer.from('\r\n');

/** Joins already-encoded lines (header first) into the file body, CRLF after every line. */
export function fileBody(lines: readonly Buffer[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [line, CRLF]));
}

/** The done-marker's text: the byte size and SHA-256 of the finished file. */
function markerText(body: Buffer): string {
  return `size=${body.length}\nsha256=${createHash('sha256').update(body).digest('hex')}\n`;
}

/**
 * Writes the file, waits `latencyMs` (a slow transfer: the file exists without its marker meanwhile),
 * then writes the marker. A reader that honours markers never sees a partial file.
 */
/** Writes a data file, then (after `latencyMs`, unless `withholdMarker`: a transfer that never completes) its marker. */
export async function deliver(
  dir: string,
  name: string,
  body: Buffer,
  latencyMs: number,
  withholdMarker = false,
): Promise<void> {
  await writeFile(join(dir, name), body);
  if (withholdMarker) return;
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  await writeFile(join(dir, `${name}.ok`), markerText(body));
}
