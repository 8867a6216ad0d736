/** zod checks for the platform's field formats: each turns legacy text into a store value or says why not. */
import { z } from 'zod';
import { validateUscc } from '../../reference/index.ts';
import { isIsoDate } from '../../runtime/clock.ts';

export const text = z.string().trim().min(1, 'must not be empty');
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v));

export const uscc = z.string().transform((v, ctx) => {
  const checked = validateUscc(v);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: `invalid USCC '${v}': ${checked.reason}` });
  return z.NEVER;
});

function toIsoDate(v: string): string | undefined {
  const iso = /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : undefined;
  return iso !== undefined && isIsoDate(iso) ? iso : undefined;
}

/** YYYYMMDD, a real calendar date. */
export const date = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const iso = toIsoDate(v);
    if (iso !== undefined) return iso;
    ctx.addIssue({ code: 'custom', message: `unparseable date '${v}' (expected YYYYMMDD)` });
    return z.NEVER;
  });

export const optionalDate = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const iso = toIsoDate(v);
    if (iso !== undefined) return iso;
    ctx.addIssue({ code: 'custom', message: `unparseable date '${v}' (expected YYYYMMDD or empty)` });
    return z.NEVER;
  });

export const year = z
  .string()
  .trim()
  .regex(/^(19|20)\d{2}$/, 'must be a four-digit year')
  .transform(Number);
export const districtCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code');
export const yesNo = z.enum(['是', '否']).transform((v) => v === '是');
export const riskClass = z.enum(['A', 'B', 'C', 'D']);
export const changeFlag = z.enum(['I', 'U', 'D']);

/** 登记状态: the platform's texts, including the older synonyms for "in business". */
export const registerStatus = z
  .enum(['存续', '在业', '开业', '在营', '吊销', '注销'])
  .transform((v) => (v === '吊销' ? 'REVOKED' : v === '注销' ? 'CANCELLED' : 'ACTIVE'));

/** The four statutory reasons of the abnormal-operation list, by the texts the platform publishes. */
export const abnormalReason = z
  .enum([
    '未按照规定期限公示年度报告',
    '未在责令的期限内公示有关企业信息',
    '公示企业信息隐瞒真实情况、弄虚作假',
    '通过登记的住所或者经营场所无法联系',
  ])
  .transform(
    (v) =>
      ({
        未按照规定期限公示年度报告: 'ANNUAL_REPORT_NOT_PUBLISHED',
        未在责令的期限内公示有关企业信息: 'ORDERED_DISCLOSURE_MISSED',
        '公示企业信息隐瞒真实情况、弄虚作假': 'FALSE_INFORMATION',
        通过登记的住所或者经营场所无法联系: 'UNREACHABLE_AT_ADDRESS',
      })[v],
  );

/** The first problem of a failed parse, naming the column: the quarantine reason. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const column = issue.path.join('.');
  return column ? `${column}: ${issue.message}` : issue.message;
}
