/**
 * Legacy records → domain types: an explicit allow-list of elements, codes through lookup tables.
 * A record that fails its schema becomes a LEGACY_BAD_DATA error naming its key, never a guess.
 */
import type { z } from 'zod';
import { LegacyError } from '../../graph/errors.ts';
import { ccjl, xkz, zyryz } from './records.ts';
import type { Licence, LicenceStatus, LicenceType, OperatorCertificate, SpotCheck, SpotCheckResult } from './types.ts';

export const LICENCE_TYPE_BY_CODE: Readonly<Record<string, LicenceType>> = {
  '01': 'MANUFACTURE',
  '02': 'INSTALLATION',
  '03': 'REPAIR',
  '04': 'MAINTENANCE',
  '05': 'FILLING',
};
export const LICENCE_STATUS_BY_CODE: Readonly<Record<string, LicenceStatus>> = {
  '01': 'VALID',
  '02': 'EXPIRED',
  '03': 'SUSPENDED',
  '04': 'REVOKED',
};
const SPOT_CHECK_RESULT_BY_CODE: Readonly<Record<string, SpotCheckResult>> = {
  '1': 'PASS',
  '2': 'RECTIFY',
  '3': 'FAIL',
};

export const codeOf = <T extends string>(table: Readonly<Record<string, T>>, value: T): string =>
  Object.keys(table).find((k) => table[k] === value)!;

/** The record's key element, read before validation so a bad record can still be attributed. */
export function keyOf(raw: unknown, element: string): string | undefined {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[element] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `key` names the batch key the record answers (its error carries it); `label` names the record itself. */
interface RecordIdentity {
  readonly what: string;
  readonly key: string;
  readonly label: string;
}

function checked<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  id: RecordIdentity,
  map: (r: z.infer<S>) => T,
): T | LegacyError {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return map(parsed.data);
  const label = keyOf(raw, id.label);
  const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return new LegacyError(
    'LEGACY_BAD_DATA',
    'permit',
    `permit system sent an invalid ${id.what} record${label ? ` ${label}` : ''}: ${reason}`,
    { key: keyOf(raw, id.key) },
  );
}

const LICENCE_RECORD: RecordIdentity = { what: 'licence', key: 'TYSHXYDM', label: 'XKZBH' };
const CERTIFICATE_RECORD: RecordIdentity = { what: 'operator certificate', key: 'ZSBH', label: 'ZSBH' };
const SPOT_CHECK_RECORD: RecordIdentity = { what: 'spot check', key: 'TYSHXYDM', label: 'CCBH' };

export const toLicence = (raw: unknown): Licence | LegacyError =>
  checked(xkz, raw, LICENCE_RECORD, (r) => ({
    number: r.XKZBH,
    holderUscc: r.TYSHXYDM,
    type: LICENCE_TYPE_BY_CODE[r.XKLX]!,
    scope: r.XKFW.split(';'),
    issuedOn: r.FZRQ,
    expiresOn: r.YXQZ,
    status: LICENCE_STATUS_BY_CODE[r.ZT]!,
    selfDeclared: r.CNHZ === '1',
  }));

export const toCertificate = (raw: unknown): OperatorCertificate | LegacyError =>
  checked(zyryz, raw, CERTIFICATE_RECORD, (r) => ({
    number: r.ZSBH,
    item: r.ZYXM,
    holderName: r.XM,
    holderIdNumber: r.ZJHM,
    employerUscc: r.PYDWDM,
    issuedOn: r.FZRQ,
    expiresOn: r.YXQZ,
    suspension: r.ZKQSRQ === '' ? null : { from: r.ZKQSRQ, until: r.ZKZZRQ },
  }));

export const toSpotCheck = (raw: unknown): SpotCheck | LegacyError =>
  checked(ccjl, raw, SPOT_CHECK_RECORD, (r) => ({
    id: r.CCBH,
    enterpriseUscc: r.TYSHXYDM,
    checkedOn: r.CCRQ,
    result: SPOT_CHECK_RESULT_BY_CODE[r.CCJG]!,
    authority: r.JCJG,
  }));
