/**
 * The world written the way the exchange database holds it: one column list and row tuples per
 * table, codes from the dictionaries, 'YYYYMMDD' dates, retired district codes where the world
 * recorded them, soft-deleted rows, and the quirks a real feed carries (padded addresses, retracted
 * duplicate inspection records kept with SCBZ = '1').
 */
import { CATALOGUE, DISTRICTS, RETIRED_DISTRICT_CODES } from '../../reference/index.ts';
import type { World } from '../seed/world.ts';
import { JYJL, JYLB, SBZT, SYXZ, YHDJ, YHLY, YHZT } from './dictionaries.ts';

type Cell = string | null;

export interface TableRows {
  readonly table: string;
  readonly columns: readonly string[];
  /** SQL type of each column, for the typed arrays the bulk load passes. */
  readonly types: readonly string[];
  readonly rows: Cell[][];
}

const compactDate = (iso: string | null): Cell => (iso === null ? null : iso.replaceAll('-', ''));

const RETIRED_NAMES: Readonly<Record<string, string>> = { '310108': '闸北区', '310230': '崇明县' };

function dictionaryRows(world: World): TableRows[] {
  const districts: Cell[][] = [
    ...DISTRICTS.map((d) => [d.code, d.name, '1', null]),
    ...Object.entries(RETIRED_DISTRICT_CODES).map(([old, now]) => [old, RETIRED_NAMES[old] ?? old, '0', now]),
  ];
  const catalogue = new Map(Object.entries(CATALOGUE));
  for (const e of world.equipment) if (!catalogue.has(e.catalogueCode)) catalogue.set(e.catalogueCode, e.catalogueCode);
  const simple = (table: string, entries: readonly { code: string; label: string }[]): TableRows => ({
    table,
    columns: ['DM', 'MC'],
    types: ['varchar', 'varchar'],
    rows: entries.map((e) => [e.code, e.label]),
  });
  return [
    {
      table: 'T_ZD_QHDM',
      columns: ['DM', 'MC', 'YXBZ', 'BZDM'],
      types: ['varchar', 'varchar', 'varchar', 'varchar'],
      rows: districts,
    },
    {
      table: 'T_ZD_SBLB',
      columns: ['DM', 'MC'],
      types: ['varchar', 'varchar'],
      rows: [...catalogue].map(([code, name]) => [code, name]),
    },
    simple('T_ZD_SYXZ', Object.values(SYXZ)),
    simple('T_ZD_SBZT', Object.values(SBZT)),
    simple('T_ZD_JYLB', Object.values(JYLB)),
    simple('T_ZD_JYJL', Object.values(JYJL)),
    simple('T_ZD_YHDJ', Object.values(YHDJ)),
    simple('T_ZD_YHZT', Object.values(YHZT)),
    simple('T_ZD_YHLY', Object.values(YHLY)),
  ];
}

export function legacyRows(world: World): TableRows[] {
  const touched = `${world.asOf} 02:00:00`;
  const equipment: TableRows = {
    table: 'T_SB_DJ',
    columns: [
      'ZCDM',
      'SBDM',
      'SBLB',
      'SYDW_TYSHXYDM',
      'QHDM',
      'JD',
      'DZ',
      'DJRQ',
      'SYDJZH',
      'SYXZ',
      'ZT',
      'ZZRQ',
      'SCBZ',
      'GXSJ',
    ],
    types: [
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'bpchar',
      'timestamp',
    ],
    rows: world.equipment.map((e, i) => [
      e.registrationCode,
      e.equipmentCode,
      e.catalogueCode,
      e.userUscc,
      e.recordedDistrict,
      e.subDistrict,
      // The vendor's old CHAR columns left blank padding on some addresses.
      i % 7 === 3 ? `${e.address}    ` : e.address,
      compactDate(e.registeredOn),
      e.certificateOfUse,
      SYXZ[e.usage].code,
      SBZT[e.status].code,
      compactDate(e.manufacturedOn),
      e.deleted ? '1' : '0',
      touched,
    ]),
  };
  const inspectionRow = (id: string, i: World['inspections'][number], deleted: boolean, date: string): Cell[] => [
    id,
    i.registrationCode,
    JYLB[i.kind].code,
    compactDate(date),
    i.body,
    JYJL[i.conclusion].code,
    compactDate(i.nextDueOn),
    deleted ? '1' : '0',
    touched,
  ];
  const inspections: TableRows = {
    table: 'T_JY_JL',
    columns: ['JYBH', 'ZCDM', 'JYLB', 'JYRQ', 'JYJG', 'JYJL', 'XCJYRQ', 'SCBZ', 'GXSJ'],
    types: ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'bpchar', 'timestamp'],
    rows: world.inspections.flatMap((i, n) => {
      const row = inspectionRow(i.id, i, false, i.date);
      // Every tenth record has a retracted duplicate entered later by mistake: present, never served.
      return n % 10 === 0 ? [row, inspectionRow(`${i.id}-R`, { ...i, conclusion: 'FAIL' }, true, world.asOf)] : [row];
    }),
  };
  const hazards: TableRows = {
    table: 'T_YH_XX',
    columns: ['YHBH', 'ZCDM', 'FXRQ', 'YHDJ', 'YHMS', 'YHLY', 'ZGQX', 'YHZT', 'XHRQ', 'ZLDH', 'GPDB', 'SCBZ', 'GXSJ'],
    types: [
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'varchar',
      'bpchar',
      'bpchar',
      'timestamp',
    ],
    rows: world.hazards.map((h) => [
      h.id,
      h.registrationCode,
      compactDate(h.foundOn),
      YHDJ[h.level].code,
      h.description,
      YHLY[h.source].code,
      compactDate(h.deadline),
      YHZT[h.status].code,
      compactDate(h.closedOn),
      h.orderNumber,
      h.supervised ? '1' : '0',
      '0',
      touched,
    ]),
  };
  return [...dictionaryRows(world), equipment, inspections, hazards];
}
