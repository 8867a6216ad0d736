/**
 * The SQL behind the port: one statement per batch lookup (keys as one array parameter), lists
 * filtered and counted in the store, ordered by USCC so pages are stable.
 */
import { RETIRED_DISTRICT_CODES } from '../../reference/index.ts';
import { ENTERPRISE_COLUMNS } from './mapper.ts';
import type { CreditList, EnterpriseFilter, PageRequest } from './types.ts';

export const ENTERPRISES_BY_USCC = `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e WHERE e.uscc = ANY($1::text[])`;

export const CREDIT_PROFILES = `
SELECT k.uscc, r.risk_class, r.classified_on,
  (SELECT json_agg(json_build_object('year', a.year, 'filedOn', a.filed_on, 'onTime', a.on_time) ORDER BY a.year DESC)
     FROM annual_report a WHERE a.uscc = k.uscc) AS annual_reports,
  (SELECT json_agg(json_build_object('decisionNumber', p.decision_number, 'violationType', p.violation_type, 'content', p.content,
       'authority', p.authority, 'decidedOn', p.decided_on) ORDER BY p.decided_on DESC, p.decision_number)
     FROM penalty p WHERE p.uscc = k.uscc) AS penalties,
  (SELECT json_agg(json_build_object('reason', l.reason, 'listedOn', l.listed_on, 'listedBy', l.listed_by, 'removedOn', l.removed_on,
       'removalReason', l.removal_reason, 'removedBy', l.removed_by) ORDER BY l.listed_on DESC, l.reason)
     FROM abnormal_listing l WHERE l.uscc = k.uscc) AS abnormal_listings,
  (SELECT json_agg(json_build_object('reason', s.reason, 'listedOn', s.listed_on, 'listedBy', s.listed_by, 'removedOn', s.removed_on)
       ORDER BY s.listed_on DESC)
     FROM serious_violation s WHERE s.uscc = k.uscc) AS serious_violations
FROM unnest($1::text[]) AS k(uscc) LEFT JOIN risk_class r ON r.uscc = k.uscc`;

export const FRESHNESS = `
SELECT (SELECT max(file_date) FROM applied_file WHERE status = 'APPLIED') AS newest_file_date,
  (SELECT count(*)::int FROM applied_file WHERE status = 'APPLIED') AS applied_files,
  (SELECT count(*)::int FROM applied_file WHERE status = 'REJECTED') AS rejected_files,
  (SELECT count(*)::int FROM applied_file WHERE status = 'SUPERSEDED') AS superseded_files,
  (SELECT count(*)::int FROM quarantine WHERE line > 0) AS quarantined_rows`;

export const HELD_FILES = `
SELECT name, dataset, reason, rows_applied AS rows, current_rows, applied_at AS since
FROM applied_file WHERE status = 'HELD' ORDER BY file_date, name`;

/** Every verdict, for operators (npm run credit -- status). */
export const LEDGER = `
SELECT name, status, rows_applied AS rows, rows_quarantined AS quarantined, current_rows, reason, applied_at AS at
FROM applied_file ORDER BY file_date, name`;

/** Enterprises with a current class by the district code the register holds (retired codes mapped by the adapter). */
export const RISK_CLASS_COUNTS = `
SELECT e.recorded_district, r.risk_class, count(*)::int AS n
FROM enterprise e JOIN risk_class r ON r.uscc = e.uscc
GROUP BY e.recorded_district, r.risk_class`;

export type Condition =
  | { readonly kind: 'all' }
  | { readonly kind: 'missingAnnualReport'; readonly year: number }
  | { readonly kind: 'onList'; readonly list: CreditList };

/** Today's district code and every retired code the register may still hold for it. */
function recordedCodes(district: string): string[] {
  return [
    district,
    ...Object.entries(RETIRED_DISTRICT_CODES)
      .filter(([, current]) => current === district)
      .map(([old]) => old),
  ];
}

/**
 * A page of enterprises with, in the same statement, the total that match; `count` (same parameters
 * minus the last two) answers the total for a page past the end, which has no row to carry it.
 */
export function enterprisePage(
  filter: EnterpriseFilter,
  condition: Condition,
  page: PageRequest,
): { sql: string; count: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (filter.nameContains !== undefined) where.push(`strpos(e.name, ${p(filter.nameContains)}) > 0`);
  if (filter.district !== undefined)
    where.push(`e.recorded_district = ANY(${p(recordedCodes(filter.district))}::text[])`);
  if (filter.status !== undefined) where.push(`e.status = ${p(filter.status)}`);
  if (filter.riskClass !== undefined)
    where.push(`EXISTS (SELECT 1 FROM risk_class r WHERE r.uscc = e.uscc AND r.risk_class = ${p(filter.riskClass)})`);
  if (condition.kind === 'missingAnnualReport') {
    where.push(`e.status = 'ACTIVE'`, `e.established_on <= ${p(`${condition.year}-12-31`)}`);
    where.push(
      `NOT EXISTS (SELECT 1 FROM annual_report a WHERE a.uscc = e.uscc AND a.year = ${p(condition.year)}::int)`,
    );
  } else if (condition.kind === 'onList') {
    const table = condition.list === 'ABNORMAL_OPERATION' ? 'abnormal_listing' : 'serious_violation';
    where.push(`EXISTS (SELECT 1 FROM ${table} l WHERE l.uscc = e.uscc AND l.removed_on IS NULL)`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const count = `SELECT count(*)::int AS total FROM enterprise e ${clause}`;
  const sql = `SELECT ${ENTERPRISE_COLUMNS}, count(*) OVER ()::int AS total FROM enterprise e ${clause}
    ORDER BY e.uscc LIMIT ${p(page.limit)}::int OFFSET ${p(page.offset)}::int`;
  return { sql, count, params };
}
