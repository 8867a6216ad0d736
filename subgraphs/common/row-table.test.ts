import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Slicer } from '../../runtime/slices.ts';
import { type RowTable, decodeGroups, decodeRows, encodeGroups, encodeRows } from './row-table.ts';

interface Row {
  readonly code: string;
  readonly district: string | null;
  readonly floors: number;
  readonly assessment: { readonly on: string; readonly conclusion: string } | null;
}

const READERS = {
  code: (r: Row) => r.code,
  district: (r: Row) => r.district,
  floors: (r: Row) => r.floors,
  assessment: (r: Row) => r.assessment,
};
const NAMES = Object.keys(READERS);
const rowOf = (i: number, v: Readonly<Record<string, (i: number) => unknown>>): Row => ({
  code: v.code!(i) as string,
  district: v.district!(i) as string | null,
  floors: v.floors!(i) as number,
  assessment: v.assessment!(i) as Row['assessment'],
});

/** `count` rows: unique codes, a few districts (some none), many floor counts, assessments of a few kinds. */
function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `3101${String(i).padStart(6, '0')}`,
    district: i % 7 === 0 ? null : `3101${i % 16}`,
    floors: 2 + (i % 300),
    assessment: i % 3 === 0 ? null : { on: `2025-0${1 + (i % 9)}-01`, conclusion: i % 2 ? 'CONTINUE_USE' : 'RENEWAL' },
  }));
}

/** Through V8's serialisation, as a kept index goes. */
const kept = (table: RowTable) => deserialize(serialize(table)) as RowTable;

describe('row table (rows kept as columns)', () => {
  it('gives back equal rows, fields in the same order, through V8 serialisation', async () => {
    const original = rows(1000);
    const back = await decodeRows(kept(await encodeRows(original, READERS, new Slicer())), NAMES, rowOf, new Slicer());
    expect(back).toEqual(original);
    expect(Object.keys(back[1]!)).toEqual(Object.keys(original[1]!));
  });

  it('keeps a column of distinct values plain, the others as their distinct values and the narrowest indexes', async () => {
    const table = await encodeRows(rows(1000), READERS, new Slicer());
    expect(table.columns.code!.kind).toBe('plain');
    const district = table.columns.district!;
    expect(district.kind === 'dictionary' && district.distinct.length).toBe(17); // null among them
    expect(district.kind === 'dictionary' && district.indexes).toBeInstanceOf(Uint8Array);
    const floors = table.columns.floors!;
    expect(floors.kind === 'dictionary' && floors.indexes).toBeInstanceOf(Uint16Array);
  });

  it('gives equal nested objects back as one object', async () => {
    const back = await decodeRows(kept(await encodeRows(rows(100), READERS, new Slicer())), NAMES, rowOf, new Slicer());
    expect(back[1]!.assessment).toEqual(back[19]!.assessment);
    expect(back[1]!.assessment).toBe(back[19]!.assessment);
  });

  it('gives lists of rows back as lists of the same row objects, keys and order kept', () => {
    const all = rows(10);
    const groups = new Map([
      ['b', [all[3]!, all[1]!]],
      ['a', [all[0]!]],
      ['c', []],
    ]);
    const back = decodeGroups<string, Row>(
      deserialize(serialize(encodeGroups(groups, new Map(all.map((r, i) => [r, i]))))) as ReturnType<
        typeof encodeGroups
      >,
      all,
    );
    expect([...back.keys()]).toEqual(['b', 'a', 'c']);
    expect(back.get('b')![0]).toBe(all[3]);
    expect(back.get('b')![1]).toBe(all[1]);
    expect(back.get('c')).toEqual([]);
  });

  it('throws on a table that is not one it made (a column short, an index past the values)', async () => {
    const table = await encodeRows(rows(100), READERS, new Slicer());
    const short = { ...table, rows: 101 };
    await expect(decodeRows(short, NAMES, rowOf, new Slicer())).rejects.toThrow('column code: 100 values for 101 rows');
    const missing = { ...table, columns: { ...table.columns, floors: undefined } } as unknown as RowTable;
    await expect(decodeRows(missing, NAMES, rowOf, new Slicer())).rejects.toThrow('column floors');
    const district = table.columns.district!;
    if (district.kind !== 'dictionary') throw new Error('district: a dictionary column');
    const past = { ...table, columns: { ...table.columns, district: { ...district, distinct: ['31010'] } } };
    await expect(decodeRows(past, NAMES, rowOf, new Slicer())).rejects.toThrow('an index past its 1 values');
    expect(() => decodeGroups({ keys: ['a'], rows: Uint32Array.of(100), ends: Uint32Array.of(1) }, [])).toThrow(
      'a row number past the rows',
    );
  });
});
