/**
 * The five operations of the permit service. Each reads its request element's children (local name
 * → values in document order) and writes the children of its response element. Batch operations
 * refuse more keys than the batch limit, as the real service does, rather than truncating silently.
 */
import { CWDM, XKLX, ZT } from './codes.ts';
import type { CcjlRow, PermitStore, XkzRow, ZyryzRow } from './store.ts';
import { escapeXml, fieldsXml } from './xml.ts';

export class SoapFault extends Error {
  constructor(
    readonly faultcode: 'Client' | 'Server' | 'VersionMismatch',
    faultstring: string,
    readonly cwdm: string,
  ) {
    super(faultstring);
  }
}

export type RequestArgs = ReadonlyMap<string, readonly string[]>;

export interface Operation {
  readonly name: string;
  /** One line for the WSDL's wsdl:documentation. */
  readonly doc: string;
  /** Answered only with a valid WS-Security UsernameToken (ws-security.ts). */
  readonly secured?: boolean;
  handle(args: RequestArgs, store: PermitStore, batchLimit: number): string;
}

const XKZ_FIELDS = [
  'XKZBH',
  'TYSHXYDM',
  'DWMC',
  'XZQHDM',
  'XKLX',
  'XKFW',
  'FZRQ',
  'YXQZ',
  'ZT',
  'CNHZ',
  'FZJG',
] as const;
const ZYRYZ_FIELDS = ['ZSBH', 'ZYXM', 'XM', 'ZJHM', 'PYDWDM', 'FZRQ', 'YXQZ', 'ZKQSRQ', 'ZKZZRQ'] as const;
const CCJL_FIELDS = ['CCBH', 'TYSHXYDM', 'CCRQ', 'CCJG', 'JCJG'] as const;

const xkz = (r: XkzRow) => `<XKZ>${fieldsXml(r as unknown as Record<string, string>, XKZ_FIELDS)}</XKZ>`;
const ccjl = (r: CcjlRow) => `<CCJL>${fieldsXml(r as unknown as Record<string, string>, CCJL_FIELDS)}</CCJL>`;
/** ID numbers never leave the permit system in full (个人信息保护): first six and last four only. */
const zyryz = (r: ZyryzRow) => `<ZYRYZ>${fieldsXml({ ...r, ZJHM: maskIdNumber(r.ZJHM) }, ZYRYZ_FIELDS)}</ZYRYZ>`;

function maskIdNumber(id: string): string {
  return id.length === 18
    ? `${id.slice(0, 6)}********${id.slice(14)}`
    : `${id.slice(0, 2)}${'*'.repeat(Math.max(0, id.length - 4))}${id.slice(-2)}`;
}

const badParameter = (message: string) => new SoapFault('Client', `参数错误: ${message}`, CWDM.BAD_PARAMETER);

function batchKeys(args: RequestArgs, element: string, limit: number): readonly string[] {
  const keys = args.get(element) ?? [];
  if (keys.length === 0) throw badParameter(`至少需要一个${element}`);
  if (keys.length > limit) throw new SoapFault('Client', `批量查询数量${keys.length}超过上限${limit}`, CWDM.OVER_LIMIT);
  return keys;
}

function single(args: RequestArgs, element: string, pattern: RegExp, allowed?: readonly string[]): string | undefined {
  const values = args.get(element) ?? [];
  if (values.length > 1) throw badParameter(`${element}只能出现一次`);
  const value = values[0];
  if (value === undefined || value === '') return undefined;
  if (!pattern.test(value) || (allowed && !allowed.includes(value))) throw badParameter(`${element}取值无效: ${value}`);
  return value;
}

const licencesByHolder: Operation = {
  name: 'CxXkzPl',
  doc: '按统一社会信用代码批量查询许可证 Licences of up to the batch limit of holders (TYSHXYDM).',
  handle: (args, store, limit) =>
    [...new Set(batchKeys(args, 'TYSHXYDM', limit))]
      .flatMap((k) => store.licencesByHolder.get(k) ?? [])
      .map(xkz)
      .join(''),
};

const certificatesByNumber: Operation = {
  name: 'CxZyryzPl',
  doc: '按证书编号批量查询作业人员证 Operator certificates by certificate number (ZSBH); unknown numbers are simply absent.',
  handle: (args, store, limit) =>
    [...new Set(batchKeys(args, 'ZSBH', limit))]
      .map((k) => store.certificateByNumber.get(k))
      .filter((r): r is ZyryzRow => r !== undefined)
      .map(zyryz)
      .join(''),
};

const certificatesByIdNumber: Operation = {
  name: 'CxZyryzByZjhm',
  doc: '按证件号码查询持证人的作业人员证 Certificates held by each person (ZJHM), grouped per request position (XH, from 1); requires a WS-Security UsernameToken (PasswordDigest).',
  secured: true,
  handle: (args, store, limit) =>
    batchKeys(args, 'ZJHM', limit)
      .map(
        (id, i) => `<CXJG><XH>${i + 1}</XH>${(store.certificatesByIdNumber.get(id) ?? []).map(zyryz).join('')}</CXJG>`,
      )
      .join(''),
};

const searchLicences: Operation = {
  name: 'CxXkzFy',
  doc: '按许可类别、状态、行政区划、有效期分页查询许可证 Licences by XKLX, ZT, XZQHDM (repeatable), YXQZQ..YXQZZ, paged by YM/MYJLS, ordered by YXQZ, XKZBH.',
  handle(args, store, limit) {
    const type = single(args, 'XKLX', /^\d{2}$/, Object.values(XKLX));
    const status = single(args, 'ZT', /^\d{2}$/, Object.values(ZT));
    const districts = args.get('XZQHDM') ?? [];
    for (const d of districts) if (!/^\d{6}$/.test(d)) throw badParameter(`XZQHDM取值无效: ${d}`);
    const from = single(args, 'YXQZQ', /^\d{8}$/);
    const to = single(args, 'YXQZZ', /^\d{8}$/);
    const pageNo = Number(single(args, 'YM', /^[1-9]\d{0,6}$/) ?? '1');
    const pageSize = Number(single(args, 'MYJLS', /^[1-9]\d{0,6}$/) ?? '20');
    if (pageSize > limit) throw new SoapFault('Client', `每页记录数${pageSize}超过上限${limit}`, CWDM.OVER_LIMIT);
    const rows = store.licencesByExpiry.filter(
      (r) =>
        (type === undefined || r.XKLX === type) &&
        (status === undefined || r.ZT === status) &&
        (districts.length === 0 || districts.includes(r.XZQHDM)) &&
        (from === undefined || r.YXQZ >= from) &&
        (to === undefined || r.YXQZ <= to),
    );
    const page = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return `<ZJLS>${rows.length}</ZJLS><YM>${pageNo}</YM>${page.map(xkz).join('')}`;
  },
};

const spotChecksByHolder: Operation = {
  name: 'CxZhjdccPl',
  doc: '按统一社会信用代码批量查询证后监督抽查记录 Post-licensing spot checks of up to the batch limit of enterprises (TYSHXYDM).',
  handle: (args, store, limit) =>
    [...new Set(batchKeys(args, 'TYSHXYDM', limit))]
      .flatMap((k) => store.spotChecksByHolder.get(k) ?? [])
      .map(ccjl)
      .join(''),
};

export const OPERATIONS: readonly Operation[] = [
  licencesByHolder,
  certificatesByNumber,
  certificatesByIdNumber,
  searchLicences,
  spotChecksByHolder,
];

export function faultXml(fault: SoapFault, tns: string): string {
  return (
    `<soap:Fault><faultcode>soap:${fault.faultcode}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring>` +
    `<detail><CWXX xmlns="${tns}"><CWDM>${fault.cwdm}</CWDM></CWXX></detail></soap:Fault>`
  );
}
