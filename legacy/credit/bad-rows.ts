/**
 * The kinds of bad row real credit feeds carry, planted deterministically so tests know exactly
 * where each one sits. Each bad row is an extra row (a corrupted copy of a good row placed right
 * after it), so the good data of the file is complete and a reader that skips bad rows loses nothing.
 */
import { type DatasetCode, HEADERS, type Row } from './datasets.ts';
import { csvLine, gbk } from './files.ts';
import { USCC_ALPHABET } from '../../reference/index.ts';

export const BAD_ROW_KINDS = [
  'INVALID_USCC',
  'BROKEN_ENCODING',
  'WRONG_COLUMN_COUNT',
  'DUPLICATE_ROW',
  'UNPARSEABLE_DATE',
] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];

export interface PlantedBadRow {
  readonly file: string;
  /** 1-based line in the file; the header is line 1. */
  readonly line: number;
  readonly kind: BadRowKind;
}

/** A GBK lead byte followed by a byte no GBK character may continue with. */
const INVALID_GBK = Buffer.from([0x81, 0x7f]);

function withField(
  dataset: DatasetCode,
  row: Row,
  headerTest: (h: string) => boolean,
  value: (old: string) => string,
): Row {
  const index = HEADERS[dataset].findIndex(headerTest);
  return row.map((v, i) => (i === index ? value(v) : v));
}

/** The USCC with a different check character: well-shaped, but fails the GB 32100 check. */
function breakCheckCharacter(uscc: string): string {
  const last = USCC_ALPHABET.indexOf(uscc.at(-1) ?? '0');
  return uscc.slice(0, -1) + USCC_ALPHABET[(last + 1) % USCC_ALPHABET.length];
}

/** The encoded bad line a kind makes of a good row. */
function badLine(kind: BadRowKind, dataset: DatasetCode, row: Row): Buffer {
  switch (kind) {
    case 'INVALID_USCC':
      return gbk(csvLine(withField(dataset, row, (h) => h === '统一社会信用代码', breakCheckCharacter)));
    case 'BROKEN_ENCODING': {
      // Bytes spliced into the second field, as a truncating transcoder leaves them.
      const [first, ...rest] = row;
      return Buffer.concat([gbk(`${csvLine([first ?? ''])},`), INVALID_GBK, gbk(csvLine(rest))]);
    }
    case 'WRONG_COLUMN_COUNT':
      // An unquoted comma inside a field: the classic hand-edited export.
      return gbk(row.map((v, i) => (i === 1 ? `${v.slice(0, 2)},${v.slice(2)}` : v.replaceAll(',', '，'))).join(','));
    case 'DUPLICATE_ROW':
      return gbk(csvLine(row));
    case 'UNPARSEABLE_DATE':
      return gbk(
        csvLine(
          withField(
            dataset,
            row,
            (h) => h.endsWith('日期'),
            () => '20191345',
          ),
        ),
      );
  }
}

/**
 * Encodes a file's lines, planting the given kinds after evenly spread good rows. Returns the lines
 * (header first) and where each bad row landed. With no good rows to copy, nothing is planted.
 */
export function encodeWithBadRows(
  file: string,
  dataset: DatasetCode,
  good: readonly Row[],
  kinds: readonly BadRowKind[],
): { lines: Buffer[]; planted: PlantedBadRow[] } {
  const lines = [gbk(csvLine([...HEADERS[dataset]]))];
  const planted: PlantedBadRow[] = [];
  const plan = new Map<number, BadRowKind[]>();
  if (good.length > 0) {
    kinds.forEach((kind, k) => {
      const at = Math.floor(((k + 1) * good.length) / (kinds.length + 1));
      const index = Math.min(at, good.length - 1);
      plan.set(index, [...(plan.get(index) ?? []), kind]);
    });
  }
  good.forEach((row, i) => {
    lines.push(gbk(csvLine(row)));
    for (const kind of plan.get(i) ?? []) {
      lines.push(badLine(kind, dataset, row));
      planted.push({ file, line: lines.length, kind });
    }
  });
  return { lines, planted };
}
