/**
 * The legacy row shapes (column names as PostgreSQL returns them, lower-cased) and their mapping to
 * domain types: an explicit allow-list per table, validated by zod. 'YYYYMMDD' becomes ISO, codes
 * become enums, retired district codes become today's district with the original kept, padding is
 * trimmed. A row that fails is reported by the caller as LEGACY_BAD_DATA for its key.
 */
import { z } from 'zod';
import { currentDistrict, isUscc, validateCatalogueCode } from '../../reference/index.ts';
import { isIsoDate } from '../../runtime/clock.ts';
import {
  CONCLUSION_CODES,
  HAZARD_LEVEL_CODES,
  HAZARD_SOURCE_CODES,
  HAZARD_STATUS_CODES,
  INSPECTION_KIND_CODES,
  STATUS_CODES,
  USAGE_CODES,
} from './dictionaries.ts';
import type { Equipment, Hazard, InspectionRecord } from './types.ts';

const trimmed = z.string().transform((v) => v.trim());
const optionalText = z
  .string()
  .nullable()
  .transform((v) => (v === null || v.trim() === '' ? null : v.trim()));

/** 'YYYYMMDD' (a real calendar day) to ISO; anything else is an issue naming the value. */
function isoFromCompact(value: string, ctx: z.RefinementCtx): string {
  const v = value.trim();
  const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  if (/^\d{8}$/.test(v) && isIsoDate(iso)) return iso;
  ctx.addIssue({ code: 'custom', message: `'${v}' is not a YYYYMMDD date` });
  return z.NEVER;
}
const compactDate = z.string().transform(isoFromCompact);
/** Old rows leave dates empty or blank-padded: no date, not bad data. */
const optionalDate = z
  .string()
  .nullable()
  .transform((v, ctx) => (v === null || v.trim() === '' ? null : isoFromCompact(v, ctx)));

/** A dictionary code to its enum value; a code not in the allow-list is an issue naming it. */
function lookup<V extends string>(name: string, codes: Readonly<Record<string, V>>) {
  return (value: string, ctx: z.RefinementCtx): V => {
    const v = codes[value.trim()];
    if (v !== undefined) return v;
    ctx.addIssue({ code: 'custom', message: `unknown ${name} code '${value.trim()}'` });
    return z.NEVER;
  };
}
const dictionary = <V extends string>(name: string, codes: Readonly<Record<string, V>>) =>
  z.string().transform(lookup(name, codes));
const optionalDictionary = <V extends string>(name: string, codes: Readonly<Record<string, V>>) =>
  z
    .string()
    .nullable()
    .transform((v, ctx) => (v === null ? null : lookup(name, codes)(v, ctx)));

const registrationCode = trimmed.pipe(z.string().regex(/^\d{20}$/, 'registration code is not 20 digits'));

const equipmentRow = z.object({
  zcdm: registrationCode,
  sbdm: optionalText,
  sblb: trimmed.transform((v, ctx) => {
    const entry = validateCatalogueCode(v);
    if (entry.ok) return entry.value;
    ctx.addIssue({ code: 'custom', message: entry.reason });
    return z.NEVER;
  }),
  sydw_tyshxydm: trimmed.refine(isUscc, 'user unit is not a valid unified social credit code'),
  qhdm: trimmed.refine((v) => currentDistrict(v) !== undefined, 'not a Shanghai district code'),
  jd: optionalText,
  dz: optionalText,
  djrq: optionalDate,
  zzrq: optionalDate,
  sydjzh: optionalText,
  syxz: optionalDictionary('usage', USAGE_CODES),
  zt: dictionary('equipment status', STATUS_CODES),
});

const inspectionRow = z.object({
  jybh: trimmed,
  zcdm: registrationCode,
  jylb: dictionary('inspection kind', INSPECTION_KIND_CODES),
  jyrq: compactDate,
  jyjg: optionalText,
  jyjl: dictionary('inspection conclusion', CONCLUSION_CODES),
  xcjyrq: optionalDate,
});

const hazardRow = z.object({
  yhbh: trimmed,
  zcdm: registrationCode,
  fxrq: compactDate,
  yhdj: dictionary('hazard level', HAZARD_LEVEL_CODES),
  yhms: optionalText,
  yhly: optionalDictionary('hazard source', HAZARD_SOURCE_CODES),
  zgqx: optionalDate,
  yhzt: dictionary('hazard status', HAZARD_STATUS_CODES),
  xhrq: optionalDate,
  zldh: optionalText,
  gpdb: z.enum(['0', '1']),
});

/** The columns each query selects: exactly what the mappers read. */
export const EQUIPMENT_COLUMNS =
  'E.ZCDM, E.SBDM, E.SBLB, E.SYDW_TYSHXYDM, E.QHDM, E.JD, E.DZ, E.DJRQ, E.ZZRQ, E.SYDJZH, E.SYXZ, E.ZT';
export const INSPECTION_COLUMNS = 'J.JYBH, J.ZCDM, J.JYLB, J.JYRQ, J.JYJG, J.JYJL, J.XCJYRQ';
export const HAZARD_COLUMNS = 'H.YHBH, H.ZCDM, H.FXRQ, H.YHDJ, H.YHMS, H.YHLY, H.ZGQX, H.YHZT, H.XHRQ, H.ZLDH, H.GPDB';

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

function mapWith<S extends z.ZodType, T>(schema: S, row: unknown, to: (r: z.output<S>) => T): Mapped<T> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; '),
    };
  }
  return { ok: true, value: to(parsed.data) };
}

export const toEquipment = (row: unknown): Mapped<Equipment> =>
  mapWith(equipmentRow, row, (r) => ({
    code: r.zcdm,
    equipmentCode: r.sbdm,
    catalogueCode: r.sblb.code,
    category: r.sblb.category,
    categoryName: r.sblb.categoryName,
    districtCode: currentDistrict(r.qhdm)!.code,
    recordedDistrictCode: r.qhdm,
    subDistrict: r.jd,
    address: r.dz,
    userUscc: r.sydw_tyshxydm,
    registeredOn: r.djrq,
    manufacturedOn: r.zzrq,
    certificateOfUse: r.sydjzh,
    usage: r.syxz,
    status: r.zt,
  }));

export const toInspection = (row: unknown): Mapped<InspectionRecord> =>
  mapWith(inspectionRow, row, (r) => ({
    id: r.jybh,
    equipmentCode: r.zcdm,
    kind: r.jylb,
    date: r.jyrq,
    body: r.jyjg,
    conclusion: r.jyjl,
    nextDueOn: r.xcjyrq,
  }));

export const toHazard = (row: unknown): Mapped<Hazard> =>
  mapWith(hazardRow, row, (r) => ({
    id: r.yhbh,
    equipmentCode: r.zcdm,
    foundOn: r.fxrq,
    level: r.yhdj,
    description: r.yhms,
    source: r.yhly,
    deadline: r.zgqx,
    status: r.yhzt,
    closedOn: r.xhrq,
    orderNumber: r.zldh,
    supervised: r.gpdb === '1',
  }));
