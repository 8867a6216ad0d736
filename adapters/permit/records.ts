/**
 * The permit system's record shapes as they arrive, checked by zod where they enter. Element names
 * are the service's (pinyin abbreviations, README of legacy/permit); they go no further than mapper.ts.
 * Unknown elements are stripped: the mapper reads an allow-list.
 */
import { z } from 'zod';
import { validateCertificateNumber, validateUscc } from '../../reference/index.ts';
import { isIsoDate } from '../../runtime/clock.ts';

/** 'YYYYMMDD' that is a real calendar date, read as 'YYYY-MM-DD'. */
const date = z
  .string()
  .regex(/^\d{8}$/, 'not a YYYYMMDD date')
  .transform((v) => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`)
  .refine(isIsoDate, 'not a calendar date');
const uscc = z.string().refine((v) => validateUscc(v).ok, 'not a valid unified social credit code');
const certificateNumber = z
  .string()
  .refine((v) => validateCertificateNumber(v).ok, 'not an operator certificate number');

export const xkz = z.object({
  XKZBH: z.string().min(1),
  TYSHXYDM: uscc,
  XKLX: z.enum(['01', '02', '03', '04', '05']),
  XKFW: z.string().regex(/^[0-9A-Z]{4}(;[0-9A-Z]{4})*$/, 'XKFW is not a list of catalogue codes'),
  FZRQ: date,
  YXQZ: date,
  ZT: z.enum(['01', '02', '03', '04']),
  CNHZ: z.enum(['0', '1']),
});

/** A suspension date (暂扣): empty or absent (rows older than the field) when never suspended. */
const suspensionDate = z
  .string()
  .optional()
  .transform((v) => v ?? '')
  .pipe(z.union([z.literal(''), date]));

export const zyryz = z
  .object({
    ZSBH: certificateNumber,
    ZYXM: z.string().regex(/^[A-Z][0-9]?$/),
    XM: z.string().min(1),
    // Masked at source: the service never sends the full number; anything else is a leak or a fault.
    ZJHM: z.string().regex(/^\d{6}\*{8}\d{3}[\dX]$/, 'ZJHM is not masked as agreed'),
    PYDWDM: uscc,
    FZRQ: date,
    YXQZ: date,
    ZKQSRQ: suspensionDate,
    ZKZZRQ: suspensionDate,
  })
  // A period with one end only, or ending before it starts, cannot be judged: the record is refused, not guessed.
  .refine((r) => (r.ZKQSRQ === '') === (r.ZKZZRQ === ''), {
    message: 'suspension needs both ZKQSRQ and ZKZZRQ, or neither',
    path: ['ZKZZRQ'],
  })
  .refine((r) => r.ZKQSRQ <= r.ZKZZRQ, {
    message: 'suspension ends (ZKZZRQ) before it starts (ZKQSRQ)',
    path: ['ZKZZRQ'],
  });

export const ccjl = z.object({
  CCBH: z.string().min(1),
  TYSHXYDM: uscc,
  CCRQ: date,
  CCJG: z.enum(['1', '2', '3']),
  JCJG: z.string(),
});

/** Answer shapes: records stay unknown here and are checked one by one, so one bad row fails alone. */
const records = z.array(z.unknown()).default([]);
export const licenceAnswer = z.object({ XKZ: records });
export const certificateAnswer = z.object({ ZYRYZ: records });
export const spotCheckAnswer = z.object({ CCJL: records });
export const holderAnswer = z.object({
  CXJG: z.array(z.object({ XH: z.string().regex(/^\d+$/), ZYRYZ: records })).default([]),
});
export const pageAnswer = z.object({ ZJLS: z.string().regex(/^\d+$/), XKZ: records });
