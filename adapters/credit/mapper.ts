/**
 * Store rows to domain types. The store already holds domain values (the parser mapped the legacy
 * texts on the way in); these schemas guard the shape, and a row that fails becomes a per-key
 * LEGACY_BAD_DATA error instead of a wrong value.
 */
import { z } from 'zod';
import { DISTRICTS, currentDistrict } from '../../reference/index.ts';
import { LegacyError } from '../../graph/errors.ts';
import { datasetByCode } from './datasets.ts';
import {
  type CreditProfile,
  type Enterprise,
  type HeldFile,
  RISK_CLASSES,
  type RiskClass,
  type RiskClassCounts,
} from './types.ts';

export const ENTERPRISE_COLUMNS =
  'e.uscc, e.name, e.type, e.legal_representative, e.registered_address, e.recorded_district, e.status, e.established_on';

const enterpriseRow = z.object({
  uscc: z.string(),
  name: z.string(),
  type: z.string(),
  legal_representative: z.string(),
  registered_address: z.string(),
  recorded_district: z.string(),
  status: z.enum(['ACTIVE', 'REVOKED', 'CANCELLED']),
  established_on: z.string(),
});

export function toEnterprise(row: unknown): Enterprise | LegacyError {
  const parsed = enterpriseRow.safeParse(row);
  if (!parsed.success) return badRow(row, 'enterprise');
  const r = parsed.data;
  return {
    uscc: r.uscc,
    name: r.name,
    type: r.type,
    status: r.status,
    districtCode: currentDistrict(r.recorded_district)?.code ?? null,
    recordedDistrictCode: r.recorded_district,
    registeredAddress: r.registered_address,
    legalRepresentative: r.legal_representative,
    establishedOn: r.established_on,
  };
}

/** JSON aggregates arrive as parsed values (PGlite, pg) or, through some drivers, as text. */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])), schema);

const profileRow = z.object({
  uscc: z.string(),
  risk_class: z.enum(RISK_CLASSES).nullable(),
  classified_on: z.string().nullable(),
  annual_reports: json(z.array(z.object({ year: z.number().int(), filedOn: z.string(), onTime: z.boolean() }))),
  penalties: json(
    z.array(
      z.object({
        decisionNumber: z.string(),
        violationType: z.string(),
        content: z.string(),
        authority: z.string(),
        decidedOn: z.string(),
      }),
    ),
  ),
  abnormal_listings: json(
    z.array(
      z.object({
        reason: z.enum([
          'ANNUAL_REPORT_NOT_PUBLISHED',
          'ORDERED_DISCLOSURE_MISSED',
          'FALSE_INFORMATION',
          'UNREACHABLE_AT_ADDRESS',
        ]),
        listedOn: z.string(),
        listedBy: z.string(),
        removedOn: z.string().nullable(),
        removalReason: z.string().nullable(),
        removedBy: z.string().nullable(),
      }),
    ),
  ),
  serious_violations: json(
    z.array(
      z.object({ reason: z.string(), listedOn: z.string(), listedBy: z.string(), removedOn: z.string().nullable() }),
    ),
  ),
});

export function toCreditProfile(row: unknown): CreditProfile | LegacyError {
  const parsed = profileRow.safeParse(row);
  if (!parsed.success) return badRow(row, 'credit profile');
  const r = parsed.data;
  return {
    uscc: r.uscc,
    riskClass: r.risk_class,
    riskClassifiedOn: r.classified_on,
    annualReports: r.annual_reports,
    penalties: r.penalties,
    abnormalListings: r.abnormal_listings,
    seriousViolations: r.serious_violations,
  };
}

const heldRow = z.object({
  name: z.string(),
  dataset: z.string().transform((code, ctx) => {
    const domain = datasetByCode(code)?.domain;
    if (!domain) ctx.addIssue({ code: 'custom', message: `unknown dataset ${code}` });
    return domain ?? z.NEVER;
  }),
  reason: z.string(),
  rows: z.number().int(),
  current_rows: z.number().int().nullable(),
  since: z.coerce.date(),
});

/** A held file as the ledger records it; dataset codes become the graph's dataset names. */
export function toHeldFile(row: unknown): HeldFile | LegacyError {
  const parsed = heldRow.safeParse(row);
  if (!parsed.success) return badRow(row, 'held file');
  const r = parsed.data;
  return {
    dataset: r.dataset,
    file: r.name,
    reason: r.reason,
    rows: r.rows,
    currentRows: r.current_rows,
    since: r.since.toISOString(),
  };
}

function badRow(row: unknown, what: string): LegacyError {
  const key = typeof row === 'object' && row !== null && 'uscc' in row ? String(row.uscc) : undefined;
  return new LegacyError('LEGACY_BAD_DATA', 'credit', `credit store holds a malformed ${what} record`, { key });
}

/**
 * Counts per today's district for all 16 districts (zeros included): the register's retired codes add
 * to the district that absorbed them; a code that is no Shanghai district or an unknown class is left out.
 */
export function tallyRiskClasses(
  rows: Iterable<{ readonly recordedDistrict: string; readonly riskClass: string; readonly n: number }>,
): Map<string, RiskClassCounts> {
  const counts = new Map(
    DISTRICTS.map((d) => [d.code, Object.fromEntries(RISK_CLASSES.map((c) => [c, 0])) as Record<RiskClass, number>]),
  );
  for (const row of rows) {
    const tally = counts.get(currentDistrict(row.recordedDistrict)?.code ?? '');
    if (tally && (RISK_CLASSES as readonly string[]).includes(row.riskClass))
      tally[row.riskClass as RiskClass] += row.n;
  }
  return counts;
}
