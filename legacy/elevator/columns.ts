/**
 * Records kept as columns: one typed array per field instead of one object per record, so a city's
 * 1.5 million records load as a few dozen arrays (no text to parse, nothing to sort or share) and a
 * record is made only when it is served. Text goes into one table of distinct strings (UTF-8 bytes,
 * sorted, decoded on demand), so repeated values (codes, USCCs, a team's certificate numbers, a kind's
 * item list) are kept once. A column of numbered codes (a prefix and a fixed number of digits, as
 * `WB00000001`) keeps the number only.
 *
 * A record that does not fit the columns (a field missing, added or out of order, a value of another
 * type: the platform serves records as stored, malformed ones included) is kept as it is, in a side
 * list, and served from there; its columns hold what fits, so the indexes still find it by its code.
 */

type FieldKind = 'text' | 'number' | 'textList';
/** The fields of a record in the order they are served, each with what its values are. */
export type Schema<T> = { readonly [K in keyof T]: FieldKind };

/** Text that is absent from a column (the record's value is no string): matches no lookup. */
const NO_TEXT = 0xffffffff;

export type ColumnEncoding =
  | { readonly field: string; readonly kind: 'text' } // string table ids
  | { readonly field: string; readonly kind: 'textList' } // string table ids of the list as JSON
  | { readonly field: string; readonly kind: 'numbered'; readonly prefix: string; readonly digits: number }
  | { readonly field: string; readonly kind: 'int32' }
  | { readonly field: string; readonly kind: 'float64' };

type ColumnArray = Uint32Array | Int32Array | Float64Array;

/** A table as written: its columns' encodings and arrays, its side list, and an order by one field. */
export interface EncodedTable {
  readonly length: number;
  readonly columns: readonly ColumnEncoding[];
  readonly arrays: readonly ColumnArray[];
  /** Records that do not fit the columns, by row: served as they are. */
  readonly raw: readonly (readonly [number, unknown])[];
  /** The field the rows are also ordered by (rows of one value together, in row order). */
  readonly groupedBy: string;
  readonly groupOrder: Uint32Array;
}

const fitsKind = (kind: FieldKind, value: unknown): boolean =>
  kind === 'text'
    ? typeof value === 'string'
    : kind === 'number'
      ? typeof value === 'number'
      : Array.isArray(value) && value.every((item) => typeof item === 'string');

function fitsSchema(record: unknown, fields: readonly [string, FieldKind][]): boolean {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
  const keys = Object.keys(record);
  return (
    keys.length === fields.length &&
    fields.every(([name, kind], i) => keys[i] === name && fitsKind(kind, (record as Record<string, unknown>)[name]))
  );
}

const fieldValue = (record: unknown, field: string): unknown =>
  typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[field] : undefined;

/** The distinct strings of every table, sorted (UTF-16 order, as `<` compares), as UTF-8 bytes. */
export class StringTableWriter {
  private readonly seen = new Set<string>();
  private ids: Map<string, number> | undefined;

  add(value: string): void {
    if (this.ids) throw new Error('string table already finished');
    this.seen.add(value);
  }

  /** The bytes and offsets to write; `id` works from here on. */
  finish(): { bytes: Uint8Array; offsets: Uint32Array } {
    const sorted = [...this.seen].sort();
    this.ids = new Map(sorted.map((s, i) => [s, i]));
    const offsets = new Uint32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach((s, i) => {
      offsets[i] = at;
      at += Buffer.byteLength(s);
    });
    offsets[sorted.length] = at;
    return { bytes: Buffer.from(sorted.join('')), offsets };
  }

  id(value: string): number {
    const id = this.ids?.get(value);
    if (id === undefined) throw new Error(`string not in the table: ${value}`);
    return id;
  }
}

/** The strings written by StringTableWriter, decoded one at a time. */
export class StringTable {
  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
  ) {}

  get size(): number {
    return this.offsets.length - 1;
  }

  at(id: number): string {
    return this.bytes.toString('utf8', this.offsets[id]!, this.offsets[id + 1]!);
  }

  /** The id of `value`, by binary search (the table is sorted), or undefined when absent. */
  idOf(value: string): number | undefined {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const s = this.at(mid);
      if (s === value) return mid;
      if (s < value) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

const NUMBERED = /^(\D*)(\d{1,9})$/;

/** A prefix and a digit count every string of the column has, if they all have one (e.g. WB + 8). */
function numberedForm(values: readonly unknown[]): { prefix: string; digits: number } | undefined {
  let form: { prefix: string; digits: number } | undefined;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const match = NUMBERED.exec(value);
    if (!match) return undefined;
    const [, prefix, digits] = match as unknown as [string, string, string];
    form ??= { prefix, digits: digits.length };
    if (prefix !== form.prefix || digits.length !== form.digits) return undefined;
  }
  return form;
}

function isInt32Column(values: readonly unknown[]): boolean {
  return values.every((v) => typeof v !== 'number' || (Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31));
}

const listText = (value: unknown): string | undefined =>
  fitsKind('textList', value) ? JSON.stringify(value) : undefined;

/**
 * First pass: each column's encoding, chosen from its values (numbers as int32 when they all fit, text
 * as numbered codes when every value has one prefix and digit count), and its text added to the table.
 */
export function planColumns<T>(records: readonly T[], schema: Schema<T>, strings: StringTableWriter): ColumnEncoding[] {
  return Object.entries<FieldKind>(schema).map(([field, kind]): ColumnEncoding => {
    const values = records.map((r) => fieldValue(r, field));
    if (kind === 'number') return { field, kind: isInt32Column(values) ? 'int32' : 'float64' };
    if (kind === 'textList') {
      for (const v of values) {
        const text = listText(v);
        if (text !== undefined) strings.add(text);
      }
      return { field, kind: 'textList' };
    }
    const numbered = numberedForm(values);
    if (numbered) return { field, kind: 'numbered', ...numbered };
    for (const v of values) if (typeof v === 'string') strings.add(v);
    return { field, kind: 'text' };
  });
}

function encodeColumn(column: ColumnEncoding, values: readonly unknown[], strings: StringTableWriter): ColumnArray {
  const n = values.length;
  switch (column.kind) {
    case 'int32':
    case 'float64': {
      const array = column.kind === 'int32' ? new Int32Array(n) : new Float64Array(n);
      values.forEach((v, i) => (array[i] = typeof v === 'number' ? v : NaN));
      return array;
    }
    case 'numbered': {
      const array = new Uint32Array(n);
      values.forEach((v, i) => (array[i] = typeof v === 'string' ? Number(v.slice(column.prefix.length)) : 0));
      return array;
    }
    case 'text': {
      const array = new Uint32Array(n);
      values.forEach((v, i) => (array[i] = typeof v === 'string' ? strings.id(v) : NO_TEXT));
      return array;
    }
    case 'textList': {
      const array = new Uint32Array(n);
      values.forEach((v, i) => {
        const text = listText(v);
        array[i] = text === undefined ? NO_TEXT : strings.id(text);
      });
      return array;
    }
  }
}

/** Second pass, once the string table is finished: the columns, the side list and the order by `groupedBy`. */
export function encodeTable<T>(
  records: readonly T[],
  schema: Schema<T>,
  columns: readonly ColumnEncoding[],
  strings: StringTableWriter,
  groupedBy: keyof T & string,
): EncodedTable {
  const fields = Object.entries<FieldKind>(schema);
  const arrays = columns.map((c) =>
    encodeColumn(
      c,
      records.map((r) => fieldValue(r, c.field)),
      strings,
    ),
  );
  const raw: [number, unknown][] = [];
  records.forEach((r, row) => {
    if (!fitsSchema(r, fields)) raw.push([row, r]);
  });
  const key = arrays[columns.findIndex((c) => c.field === groupedBy)]!;
  const groupOrder = Uint32Array.from(records, (_, row) => row).sort((a, b) => key[a]! - key[b]! || a - b);
  return { length: records.length, columns, arrays, raw, groupedBy, groupOrder };
}

interface ColumnReader {
  /** The value as served. */
  read(row: number): unknown;
  /** The number a value is kept as in this column, for equality (undefined: no row holds it). */
  keyOf(value: string): number | undefined;
  readonly keys: ColumnArray;
}

function columnReader(column: ColumnEncoding, array: ColumnArray, strings: StringTable): ColumnReader {
  switch (column.kind) {
    case 'int32':
    case 'float64':
      // Equal as text, as the platform compares: '05' is not the number 5.
      return {
        keys: array,
        read: (row) => array[row],
        keyOf: (value) => (String(Number(value)) === value ? Number(value) : undefined),
      };
    case 'numbered': {
      const { prefix, digits } = column;
      return {
        keys: array,
        read: (row) => prefix + String(array[row]).padStart(digits, '0'),
        keyOf: (value) =>
          value.startsWith(prefix) &&
          value.length === prefix.length + digits &&
          /^\d+$/.test(value.slice(prefix.length))
            ? Number(value.slice(prefix.length))
            : undefined,
      };
    }
    case 'text':
      return { keys: array, read: (row) => strings.at(array[row]!), keyOf: (value) => strings.idOf(value) };
    case 'textList':
      return {
        keys: array,
        read: (row) => JSON.parse(strings.at(array[row]!)) as unknown,
        keyOf: () => undefined,
      };
  }
}

/** What `select` keeps: fields equal to one of the given texts, numbers within bounds (inclusive). */
export interface Where<T> {
  readonly equals?: Partial<Record<keyof T & string, readonly string[]>>;
  readonly within?: Partial<Record<keyof T & string, readonly [number, number]>>;
}

/** A table loaded from its columns: records are made when asked for, in the schema's field order. */
export class RecordTable<T> {
  private readonly readers: Map<string, ColumnReader>;
  // The same readers as arrays: making a record is what serving a page costs.
  private readonly fields: readonly string[];
  private readonly fieldReaders: readonly ColumnReader[];
  private readonly raw: Map<number, T>;
  private readonly groupKeys: ColumnArray;

  constructor(
    private readonly encoded: EncodedTable,
    strings: StringTable,
  ) {
    this.readers = new Map(encoded.columns.map((c, i) => [c.field, columnReader(c, encoded.arrays[i]!, strings)]));
    this.fields = [...this.readers.keys()];
    this.fieldReaders = [...this.readers.values()];
    this.raw = new Map(encoded.raw as [number, T][]);
    this.groupKeys = this.readers.get(encoded.groupedBy)!.keys;
  }

  get length(): number {
    return this.encoded.length;
  }

  /** A record of the side list (it holds none when every record fits: a Map lookup per row saved). */
  private stored(row: number): T | undefined {
    return this.raw.size === 0 ? undefined : this.raw.get(row);
  }

  record(row: number): T {
    const stored = this.stored(row);
    if (stored !== undefined) return stored;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < this.fields.length; i++) record[this.fields[i]!] = this.fieldReaders[i]!.read(row);
    return record as T;
  }

  /** The rows whose grouping field (the one the table is ordered by) is `value`, in row order. */
  rowsWith(value: string): Uint32Array {
    const key = this.readers.get(this.encoded.groupedBy)!.keyOf(value);
    const order = this.encoded.groupOrder;
    if (key === undefined) return order.subarray(0, 0);
    const bound = (above: boolean) => {
      let low = 0;
      let high = order.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const k = this.groupKeys[order[mid]!]!;
        if (k < key || (above && k === key)) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    return order.subarray(bound(false), bound(true));
  }

  /**
   * The rows (of `rows`, or all) that `where` keeps, in order. Equality is on a value's text, as the
   * platform compares query parameters; a record of the side list is judged on its stored values.
   */
  select(where: Where<T>, rows?: ArrayLike<number>): Uint32Array {
    const equals = Object.entries<readonly string[] | undefined>(where.equals ?? {}).flatMap(([field, texts]) => {
      if (!texts) return [];
      const reader = this.readers.get(field)!;
      const keys = new Set(texts.map((t) => reader.keyOf(t)).filter((k) => k !== undefined));
      return [{ field, keys: reader.keys, wanted: keys, texts }];
    });
    const within = Object.entries<readonly [number, number] | undefined>(where.within ?? {}).flatMap(
      ([field, bounds]) => (bounds ? [{ field, keys: this.readers.get(field)!.keys, bounds }] : []),
    );
    const count = rows ? rows.length : this.length;
    const kept = new Uint32Array(count);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const row = rows ? rows[i]! : i;
      const stored = this.stored(row);
      const keep =
        stored === undefined
          ? equals.every((e) => e.wanted.has(e.keys[row]!)) &&
            within.every((w) => w.keys[row]! >= w.bounds[0] && w.keys[row]! <= w.bounds[1])
          : equals.every((e) => e.texts.includes(String(fieldValue(stored, e.field)))) &&
            within.every((w) => {
              const v = fieldValue(stored, w.field) as number;
              return v >= w.bounds[0] && v <= w.bounds[1];
            });
      if (keep) kept[n++] = row;
    }
    return kept.slice(0, n);
  }
}
