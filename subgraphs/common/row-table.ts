/**
 * Rows of one shape (an index's elevators) as a table of columns, to keep on disk and to share repeated
 * values in memory. V8's deserialiser rebuilds a graph of objects property by property and gives every
 * string back as its own copy; a table is a few arrays instead: each column's distinct values once and a
 * typed array of indexes into them (serialised as bytes), so equal values come back as one shared string
 * or object. A column whose values are nearly all different (registration codes, addresses) is kept as
 * the plain array: a dictionary would only add its indexes. Decoding gives each row the dictionary's one
 * value, so rows share equal strings and equal nested objects (rows are read-only). Both ways run in
 * slices (runtime/slices.ts): a city's 306,768 rows are several hundred ms of work.
 */
import { type Slicer, forEachSliced } from '../../runtime/slices.ts';
import { keyOf } from './shared-values.ts';

/** A column with more distinct values than this share of its rows is kept plain. */
const PLAIN_ABOVE = 0.5;
/**
 * Rows sampled, evenly spaced, before encoding: a column whose sampled values are all distinct (codes,
 * addresses) is kept plain at once, without the dictionary of 306,768 entries it would not keep.
 */
const SAMPLE = 4096;

type Indexes = Uint8Array | Uint16Array | Uint32Array;

/** One column: its distinct values and each row's index into them, or (values nearly all distinct) the values. */
type Column =
  | { readonly kind: 'dictionary'; readonly distinct: readonly unknown[]; readonly indexes: Indexes }
  | { readonly kind: 'plain'; readonly values: readonly unknown[] };

export interface RowTable {
  readonly rows: number;
  readonly columns: Readonly<Record<string, Column>>;
}

/** How a row gives each column's value: the columns, by name. */
export type RowReaders<R> = Readonly<Record<string, (row: R) => unknown>>;

/** A column's value of row `i`. */
export type ColumnValue = (i: number) => unknown;

/** The rows as columns, one per reader, in slices. */
export async function encodeRows<R>(rows: readonly R[], readers: RowReaders<R>, slicer: Slicer): Promise<RowTable> {
  const names = Object.keys(readers);
  const read = names.map((name) => readers[name]!);
  const plain: (unknown[] | undefined)[] = read.map((column) => (allDistinctInSample(rows, column) ? [] : undefined));
  const distinct = names.map((): unknown[] => []);
  const indexOf = names.map(() => new Map<unknown, number>());
  const indexes = names.map((_, c) => new Uint32Array(plain[c] ? 0 : rows.length));
  await forEachSliced(
    rows,
    (row, i) => {
      for (let c = 0; c < read.length; c++) {
        const value = read[c]!(row);
        // Pushed in row order: a packed array, which V8 serialises densely (a holey one value by value).
        const values = plain[c];
        if (values) {
          values.push(value);
          continue;
        }
        const key = keyOf(value);
        let index = indexOf[c]!.get(key);
        if (index === undefined) {
          index = distinct[c]!.push(value) - 1;
          indexOf[c]!.set(key, index);
        }
        indexes[c]![i] = index;
      }
    },
    slicer,
  );
  const columns: Record<string, Column> = {};
  names.forEach((name, c) => {
    const values = distinct[c]!;
    columns[name] = plain[c]
      ? { kind: 'plain', values: plain[c] }
      : values.length > rows.length * PLAIN_ABOVE
        ? { kind: 'plain', values: Array.from(indexes[c]!, (index) => values[index]) }
        : { kind: 'dictionary', distinct: values, indexes: narrowest(indexes[c]!, values.length) };
  });
  return { rows: rows.length, columns };
}

function allDistinctInSample<R>(rows: readonly R[], read: (row: R) => unknown): boolean {
  const step = Math.max(1, Math.floor(rows.length / SAMPLE));
  const seen = new Set<unknown>();
  for (let i = 0; i < rows.length; i += step) {
    const key = keyOf(read(rows[i]!));
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function narrowest(indexes: Uint32Array, distinct: number): Indexes {
  if (distinct <= 0x100) return Uint8Array.from(indexes);
  if (distinct <= 0x10000) return Uint16Array.from(indexes);
  return indexes;
}

/**
 * The rows back, `make` building row `i` from its columns' values (the same object literal each time, so
 * every row has one shape), in slices. Throws on a table that is not one `encodeRows` made with these columns.
 */
export async function decodeRows<R>(
  table: RowTable,
  names: readonly string[],
  make: (i: number, value: Readonly<Record<string, ColumnValue>>) => R,
  slicer: Slicer,
): Promise<R[]> {
  const value: Record<string, ColumnValue> = {};
  for (const name of names) value[name] = columnValue(table, name);
  const rows = new Array<R>(table.rows);
  await forEachSliced(rows.keys(), (i) => (rows[i] = make(i, value)), slicer);
  return rows;
}

function columnValue(table: RowTable, name: string): ColumnValue {
  const column = table.columns[name];
  const length = column?.kind === 'plain' ? column.values.length : column?.indexes.length;
  if (length !== table.rows) throw new Error(`column ${name}: ${String(length)} values for ${table.rows} rows`);
  if (column!.kind === 'plain') {
    const values = column!.values;
    return (i) => values[i];
  }
  const { distinct, indexes } = column!;
  let highest = 0;
  for (let i = 0; i < indexes.length; i++) if (indexes[i]! > highest) highest = indexes[i]!;
  if (highest >= distinct.length) throw new Error(`column ${name}: an index past its ${distinct.length} values`);
  return (i) => distinct[indexes[i]!];
}

/** Lists of rows by key (an index's elevators per company), as row numbers. */
export interface RowGroups {
  readonly keys: readonly unknown[];
  /** The row numbers of every list, one after the other. */
  readonly rows: Uint32Array;
  /** Where each key's list ends in `rows`. */
  readonly ends: Uint32Array;
}

/** `groups` as row numbers, each row numbered by `numberOf`. */
export function encodeGroups<K, R>(groups: ReadonlyMap<K, readonly R[]>, numberOf: ReadonlyMap<R, number>): RowGroups {
  const total = [...groups.values()].reduce((sum, list) => sum + list.length, 0);
  const rows = new Uint32Array(total);
  const ends = new Uint32Array(groups.size);
  let at = 0;
  let g = 0;
  for (const list of groups.values()) {
    for (const row of list) {
      const number = numberOf.get(row);
      if (number === undefined) throw new Error('a grouped row is not among the rows');
      rows[at++] = number;
    }
    ends[g++] = at;
  }
  return { keys: [...groups.keys()], rows, ends };
}

/** The lists back, of the rows given (the same objects, so a row is one object in every list). */
export function decodeGroups<K, R>(groups: RowGroups, rows: readonly R[]): Map<K, R[]> {
  const { keys, rows: numbers, ends } = groups;
  if (ends.length !== keys.length || (ends.at(-1) ?? 0) !== numbers.length)
    throw new Error('row groups: keys, ends and row numbers disagree');
  const out = new Map<K, R[]>();
  let start = 0;
  keys.forEach((key, g) => {
    const end = ends[g]!;
    if (end < start) throw new Error('row groups: ends out of order');
    const list = new Array<R>(end - start);
    for (let k = start; k < end; k++) {
      const row = rows[numbers[k]!];
      if (row === undefined) throw new Error('row groups: a row number past the rows');
      list[k - start] = row;
    }
    out.set(key as K, list);
    start = end;
  });
  return out;
}
