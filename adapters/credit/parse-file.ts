/**
 * One drop file's bytes into store rows and quarantined lines. A line that fails any check (GBK,
 * quoting, column count, field formats, duplicate) is quarantined with its reason while the rest of
 * the file applies; a file whose header cannot be read as the dataset's GBK header is refused whole.
 */
import { type Dataset, FLAG_HEADER, type StoreRow } from './datasets.ts';
import { changeFlag, firstIssue } from './fields.ts';
import { decodeGbk, splitFields, splitLines } from './csv.ts';
import type { FileKind } from './drop-names.ts';
import { Slicer } from '../../runtime/slices.ts';

export interface QuarantinedLine {
  readonly line: number;
  readonly reason: string;
  /** The line as far as it decodes, cut short: for the operator who traces it back to the platform. */
  readonly raw: string;
}

export type ParsedFile =
  | {
      readonly ok: true;
      readonly upserts: StoreRow[];
      readonly removals: StoreRow[];
      readonly quarantined: QuarantinedLine[];
    }
  | { readonly ok: false; readonly reason: string };

const RAW_LIMIT = 500;

function readHeader(dataset: Dataset, bytes: Buffer | undefined): string | undefined {
  if (!bytes) return 'empty file (no header line)';
  const decoded = decodeGbk(bytes);
  if (!decoded.ok) return `header is ${decoded.reason}`;
  const fields = splitFields(decoded.text);
  const expected = dataset.headers.join(',');
  if (!fields.ok || fields.fields.join(',') !== expected) {
    return `header does not match dataset ${dataset.code} (wrong encoding or layout): expected "${expected}", got "${decoded.text.slice(0, 200)}"`;
  }
  return undefined;
}

export async function parseDropFile(dataset: Dataset, kind: FileKind, body: Buffer): Promise<ParsedFile> {
  const [header, ...lines] = splitLines(body);
  const refused = readHeader(dataset, header?.bytes);
  if (refused !== undefined) return { ok: false, reason: refused };

  const upserts: StoreRow[] = [];
  const removals: StoreRow[] = [];
  const quarantined: QuarantinedLine[] = [];
  const seenText = new Map<string, number>();
  const seenKey = new Map<string, number>();

  const slicer = new Slicer();
  for (const { line, bytes } of lines) {
    if (slicer.due()) await slicer.pause();
    const decoded = decodeGbk(bytes);
    const raw = (decoded.ok ? decoded.text : bytes.toString('latin1')).slice(0, RAW_LIMIT);
    const reject = (reason: string) => quarantined.push({ line, reason, raw });
    if (!decoded.ok) {
      reject(decoded.reason);
      continue;
    }

    const sameText = seenText.get(decoded.text);
    if (sameText !== undefined) {
      reject(`duplicate row: same as line ${sameText}`);
      continue;
    }
    seenText.set(decoded.text, line);

    const split = splitFields(decoded.text);
    if (!split.ok) {
      reject(split.reason);
      continue;
    }
    if (split.fields.length !== dataset.headers.length) {
      reject(`wrong column count: expected ${dataset.headers.length}, got ${split.fields.length}`);
      continue;
    }
    const record = Object.fromEntries(dataset.headers.map((h, i) => [h, split.fields[i]]));

    const flag = changeFlag.safeParse(record[FLAG_HEADER]);
    if (!flag.success) {
      reject(`${FLAG_HEADER}: must be I, U or D, got '${record[FLAG_HEADER]}'`);
      continue;
    }
    if (kind === 'FULL' && flag.data !== 'I') {
      reject(`${FLAG_HEADER}: a snapshot carries I rows only, got '${flag.data}'`);
      continue;
    }

    const parsed = (flag.data === 'D' ? dataset.keyRecord : dataset.record).safeParse(record);
    if (!parsed.success) {
      reject(firstIssue(parsed.error));
      continue;
    }

    const key = dataset.key.map((k) => String(parsed.data[k])).join('|');
    const sameKey = seenKey.get(key);
    if (sameKey !== undefined) {
      reject(`duplicate key ${key}: already on line ${sameKey}`);
      continue;
    }
    seenKey.set(key, line);

    (flag.data === 'D' ? removals : upserts).push(parsed.data);
  }
  return { ok: true, upserts, removals, quarantined };
}
