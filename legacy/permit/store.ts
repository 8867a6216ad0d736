/**
 * The permit system's store: one JSON file of legacy-shaped rows, written once by preparePermit and
 * indexed in memory at start. Rows are served as stored (bad ones included), the way the real
 * system serves whatever its clerks typed in years ago.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../seed/world.ts';
import { CCJG, XKLX, ZT, toLegacyDate } from './codes.ts';

const STORE_FILE = 'permit-store.json';

/** 许可证 licence row. */
export interface XkzRow {
  XKZBH: string;
  TYSHXYDM: string;
  DWMC: string;
  XZQHDM: string;
  XKLX: string;
  /** 许可范围: catalogue codes joined by ';'. */
  XKFW: string;
  FZRQ: string;
  YXQZ: string;
  ZT: string;
  /** 承诺换证 '1' renewed by self-declared commitment, '0' not. */
  CNHZ: string;
  FZJG: string;
}

/** 作业人员证 operator certificate row; ZJHM is stored in full and masked on the way out. */
export interface ZyryzRow {
  ZSBH: string;
  ZYXM: string;
  XM: string;
  ZJHM: string;
  PYDWDM: string;
  FZRQ: string;
  YXQZ: string;
  /** 暂扣起始日期 / 暂扣截止日期: the suspension period, both empty when the certificate was never suspended. */
  ZKQSRQ: string;
  ZKZZRQ: string;
}

/** 证后监督抽查记录 spot-check row. */
export interface CcjlRow {
  CCBH: string;
  TYSHXYDM: string;
  CCRQ: string;
  CCJG: string;
  JCJG: string;
}

interface PermitRows {
  XKZ: XkzRow[];
  ZYRYZ: ZyryzRow[];
  CCJL: CcjlRow[];
}

function toPermitRows(world: World): PermitRows {
  const enterprises = new Map(world.enterprises.map((e) => [e.uscc, e]));
  return {
    XKZ: world.licences.map((l) => {
      const holder = enterprises.get(l.holderUscc);
      return {
        XKZBH: l.number,
        TYSHXYDM: l.holderUscc,
        DWMC: holder?.name ?? '',
        XZQHDM: holder?.recordedDistrict ?? '',
        XKLX: XKLX[l.type],
        XKFW: l.scope.join(';'),
        FZRQ: toLegacyDate(l.issuedOn),
        YXQZ: toLegacyDate(l.expiresOn),
        ZT: ZT[l.status],
        CNHZ: l.selfDeclared ? '1' : '0',
        FZJG: '上海市市场监督管理局',
      };
    }),
    ZYRYZ: world.certificates.map((c) => ({
      ZSBH: c.number,
      ZYXM: c.item,
      XM: c.holderName,
      ZJHM: c.holderId,
      PYDWDM: c.employerUscc,
      FZRQ: toLegacyDate(c.issuedOn),
      YXQZ: toLegacyDate(c.expiresOn),
      ZKQSRQ: c.suspension ? toLegacyDate(c.suspension.from) : '',
      ZKZZRQ: c.suspension ? toLegacyDate(c.suspension.until) : '',
    })),
    CCJL: world.spotChecks.map((s) => ({
      CCBH: s.id,
      TYSHXYDM: s.uscc,
      CCRQ: toLegacyDate(s.checkedOn),
      CCJG: CCJG[s.result],
      JCJG: s.authority,
    })),
  };
}

export function preparePermit(world: World, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, STORE_FILE), JSON.stringify(toPermitRows(world)));
}

/** The store file, for tests that plant bad rows the way the real system holds some. */
export function permitStoreFile(dir: string): string {
  return join(dir, STORE_FILE);
}

export interface PermitStore {
  readonly licencesByHolder: ReadonlyMap<string, readonly XkzRow[]>;
  /** Every licence ordered by YXQZ then XKZBH: the order of the paged search. */
  readonly licencesByExpiry: readonly XkzRow[];
  readonly certificateByNumber: ReadonlyMap<string, ZyryzRow>;
  readonly certificatesByIdNumber: ReadonlyMap<string, readonly ZyryzRow[]>;
  readonly spotChecksByHolder: ReadonlyMap<string, readonly CcjlRow[]>;
  /** Rows loaded, of the three tables together (the start logs it). */
  readonly rows: number;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

export function loadPermitStore(dir: string): PermitStore {
  const rows = JSON.parse(readFileSync(join(dir, STORE_FILE), 'utf8')) as PermitRows;
  const byExpiry = [...rows.XKZ].sort(
    (a, b) => String(a.YXQZ).localeCompare(String(b.YXQZ)) || a.XKZBH.localeCompare(b.XKZBH),
  );
  return {
    licencesByHolder: groupBy(rows.XKZ, (r) => r.TYSHXYDM),
    licencesByExpiry: byExpiry,
    certificateByNumber: new Map(rows.ZYRYZ.map((c) => [c.ZSBH, c])),
    certificatesByIdNumber: groupBy(rows.ZYRYZ, (c) => c.ZJHM),
    spotChecksByHolder: groupBy(rows.CCJL, (c) => c.TYSHXYDM),
    rows: rows.XKZ.length + rows.ZYRYZ.length + rows.CCJL.length,
  };
}
