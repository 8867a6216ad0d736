/**
 * The questions, answered from one snapshot. Pure functions of the snapshot and the (validated)
 * arguments; each returns the whole ordered list, which the resolvers page. Certificate lending walks
 * every signature of the window (2.5 million at city scale), in slices.
 */
import type { LicenceType } from '../../adapters/permit/types.ts';
import { isMarketRegistered } from '../../reference/uscc.ts';
import { forEachSliced } from '../../runtime/slices.ts';
import { UNCOVERED_REASONS, type UncoveredReason, type WorkKind } from './rules.ts';
import type { QualityReason } from './maintenance-quality.ts';
import type { CompanyWork, Period, QualityItem, Snapshot, WorkItem } from './snapshot.ts';

export interface ReasonCount {
  readonly reason: UncoveredReason;
  readonly records: number;
  readonly elevators: number;
}

export interface WorkCompliance {
  readonly kind: WorkKind;
  readonly from: string;
  readonly to: string;
  readonly records: number;
  readonly uncoveredRecords: number;
  readonly uncoveredElevators: number;
  readonly reasons: readonly ReasonCount[];
}

const distinct = (items: readonly WorkItem[]) => new Set(items.map((w) => w.registrationCode)).size;

export function reasonCounts(items: readonly WorkItem[]): ReasonCount[] {
  return UNCOVERED_REASONS.map((reason) => {
    const of = items.filter((w) => w.reason === reason);
    return { reason, records: of.length, elevators: distinct(of) };
  }).filter((c) => c.records > 0);
}

export function workCompliance(snapshot: Snapshot, kind: WorkKind, uscc: string): WorkCompliance {
  const entry: CompanyWork | undefined = snapshot.work.get(kind)!.get(uscc);
  const uncovered = entry?.uncovered ?? [];
  return {
    kind,
    ...snapshot.periods[kind],
    records: entry?.records ?? 0,
    uncoveredRecords: uncovered.length,
    uncoveredElevators: distinct(uncovered),
    reasons: reasonCounts(uncovered),
  };
}

export interface UnlicensedWorkRow {
  readonly companyUscc: string;
  readonly kind: WorkKind;
  /** Newest first. */
  readonly items: readonly WorkItem[];
}

/**
 * Companies with uncovered work of the kind (on elevators of the districts, when given; common/districts.ts): most
 * records first, then by USCC.
 */
export function unlicensedWork(
  snapshot: Snapshot,
  kind: WorkKind,
  districts: readonly string[] | undefined,
): UnlicensedWorkRow[] {
  const rows: UnlicensedWorkRow[] = [];
  for (const [companyUscc, entry] of snapshot.work.get(kind)!) {
    const items =
      districts === undefined
        ? entry.uncovered
        : entry.uncovered.filter((w) => w.district !== null && districts.includes(w.district));
    if (items.length > 0) rows.push({ companyUscc, kind, items });
  }
  return rows.sort((a, b) => b.items.length - a.items.length || a.companyUscc.localeCompare(b.companyUscc));
}

type LendingReason =
  | 'MULTI_COMPANY'
  | 'OVER_DAILY_LIMIT'
  | 'NOT_EMPLOYER'
  | 'SIGNED_WHILE_INVALID'
  | 'SIGNED_WHILE_SUSPENDED'
  | 'WRONG_ITEM'
  | 'NOT_REGISTERED';

export interface LendingRow {
  readonly number: string;
  readonly reasons: readonly LendingReason[];
  readonly companies: readonly string[];
  /** Oldest first. */
  readonly overLimitDays: readonly { readonly date: string; readonly elevators: number }[];
  /** Days it signed outside its validity (before issue or after expiry), oldest first. */
  readonly invalidDays: readonly string[];
  /** Days it signed within its suspension (暂扣, both ends included), oldest first. */
  readonly suspendedDays: readonly string[];
  readonly records: number;
}

/**
 * Certificates that, in the period, signed for more than one company, or more distinct elevators in a day
 * than the limit, or for a company other than the employer the permit register files them under, or on a
 * day outside their validity or within their suspension, or that are of an item not allowed to sign elevator maintenance
 * (elevatorItems), or that the register does not know; by number. The reading is legacy/seed/README.md's
 * "Certificate lending". A certificate the register could not be read for is judged on its signatures only.
 */
export async function certificateLending(
  snapshot: Snapshot,
  dailyElevatorLimit: number,
  period: Period,
  elevatorItems: readonly string[],
): Promise<LendingRow[]> {
  const book = snapshot.signatures;
  // Day indexes of the period: days are sorted, so the period is one range of them.
  const first = book.days.findIndex((d) => d >= period.from);
  const last = book.days.filter((d) => d <= period.to).length - 1;
  const rows: LendingRow[] = [];
  if (first < 0 || last < first) return rows;
  await forEachSliced(book.byCertificate, ([number, s]) => {
    const companies = new Set<number>();
    const overLimitDays: { date: string; elevators: number }[] = [];
    const invalidDays: string[] = [];
    const suspendedDays: string[] = [];
    const entry = snapshot.certificates.get(number);
    const suspension = entry?.suspension ?? null;
    let records = 0;
    // Signatures are sorted by day: walk each day's run, counting its distinct elevators.
    for (let i = 0; i < s.day.length;) {
      const day = s.day[i]!;
      let end = i;
      while (end < s.day.length && s.day[end] === day) end++;
      if (day >= first && day <= last) {
        const elevators = new Set<number>();
        for (let k = i; k < end; k++) {
          elevators.add(s.elevator[k]!);
          companies.add(s.company[k]!);
        }
        records += end - i;
        const date = book.days[day]!;
        if (elevators.size > dailyElevatorLimit) overLimitDays.push({ date, elevators: elevators.size });
        if (entry && (date < entry.issuedOn || date > entry.expiresOn)) invalidDays.push(date);
        if (suspension && suspension.from <= date && date <= suspension.until) suspendedDays.push(date);
      }
      i = end;
    }
    const reasons: LendingReason[] = [];
    if (companies.size > 1) reasons.push('MULTI_COMPANY');
    if (overLimitDays.length > 0) reasons.push('OVER_DAILY_LIMIT');
    if (entry && [...companies].some((c) => book.companies[c] !== entry.employerUscc)) reasons.push('NOT_EMPLOYER');
    if (invalidDays.length > 0) reasons.push('SIGNED_WHILE_INVALID');
    if (suspendedDays.length > 0) reasons.push('SIGNED_WHILE_SUSPENDED');
    if (entry && records > 0 && !elevatorItems.includes(entry.item)) reasons.push('WRONG_ITEM');
    if (entry === null && records > 0) reasons.push('NOT_REGISTERED');
    if (reasons.length === 0) return;
    rows.push({
      number,
      reasons,
      companies: [...companies].map((c) => book.companies[c]!).sort(),
      overLimitDays,
      invalidDays,
      suspendedDays,
      records,
    });
  });
  return rows.sort((a, b) => a.number.localeCompare(b.number));
}

export interface AnnualReportGapRow {
  readonly uscc: string;
  readonly year: number;
  readonly licenceTypes: readonly LicenceType[];
  readonly district: string | null;
  readonly lastReportYear: number | null;
}

/**
 * Licence holders that owed a report for the year (registered by market supervision — a public institution's
 * 12… code reports elsewhere —, registered by its last day, active, and licensed by its last day: one first
 * licensed later was no production unit that year) and filed none; by USCC. A holder the credit register does
 * not know cannot be judged and is left out. The reading is legacy/seed/README.md's "Annual reports" and
 * "Public institutions".
 */
export function missingAnnualReports(
  snapshot: Snapshot,
  year: number,
  filter: { districts: readonly string[] | undefined; licenceType: LicenceType | null },
): AnnualReportGapRow[] {
  const rows: AnnualReportGapRow[] = [];
  for (const h of snapshot.holders.values()) {
    const yearEnd = `${year}-12-31`;
    if (!isMarketRegistered(h.uscc)) continue;
    if (h.establishedOn === null || !h.active || h.establishedOn > yearEnd || h.reportYears.has(year)) continue;
    if (h.firstLicensedOn > yearEnd) continue;
    if (filter.districts !== undefined && (h.district === null || !filter.districts.includes(h.district))) continue;
    if (filter.licenceType !== null && !h.licenceTypes.includes(filter.licenceType)) continue;
    const last = Math.max(...[...h.reportYears].filter((y) => y < year));
    rows.push({
      uscc: h.uscc,
      year,
      licenceTypes: h.licenceTypes,
      district: h.district,
      lastReportYear: Number.isFinite(last) ? last : null,
    });
  }
  return rows.sort((a, b) => a.uscc.localeCompare(b.uscc));
}

/**
 * Maintenance visits of the window without the items their kind requires or too short for the items signed
 * (maintenance-quality.ts), of one reason when given, on elevators of the districts when given
 * (common/districts.ts); newest first.
 */
export function maintenanceQualityFindings(
  snapshot: Snapshot,
  reason: QualityReason | null,
  districts: readonly string[] | undefined,
): readonly QualityItem[] {
  return snapshot.quality.filter(
    (q) =>
      (reason === null || q.reasons.includes(reason)) &&
      (districts === undefined || (q.district !== null && districts.includes(q.district))),
  );
}
