/**
 * For tests and the measure script: reads each question's complete answer from a supervision
 * subgraph (or the gateway) page by page, in the shape the seed manifest uses.
 */
import type { LegacyCall } from '../../../adapters/core/calls.ts';
import { postGraphql } from '../graphql.ts';

/** The credit adapter's drop-directory poller runs on its own timer: its calls belong to no question or build. */
export const isPollerCall = (c: LegacyCall) =>
  c.system === 'credit' && (c.operation === 'listDropDir' || c.operation === 'readLedger');

async function all<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => any,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const body = await postGraphql(url, query, { ...variables, after, first: 100 });
    if (body.errors) throw new Error(JSON.stringify(body.errors.slice(0, 2)));
    const connection = pick(body.data);
    out.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return out;
    after = connection.pageInfo.endCursor;
  }
}

const WORK = `query ($kind: WorkKind!, $district: ID, $first: Int, $after: String) {
  unlicensedWork(kind: $kind, district: $district, first: $first, after: $after) {
    edges { cursor node { enterprise { uscc } records elevators firstDate lastDate reasons { reason records elevators } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** One company (the one after `company`) and one page of its uncovered work. */
const COMPANY_WORK = `query ($kind: WorkKind!, $district: ID, $company: String, $first: Int, $after: String) {
  unlicensedWork(kind: $kind, district: $district, first: 1, after: $company) {
    nodes { work(first: $first, after: $after) { nodes { recordId equipment { code } date catalogueCode district reason } pageInfo { hasNextPage endCursor } } }
  }
}`;

interface UncoveredItem {
  companyUscc: string;
  recordId: string | null;
  code: string;
  date: string;
  catalogueCode: string;
  district: string | null;
  reason: string;
}

/** Every uncovered piece of work of the kind, through each company's paged `work` list. */
export async function allUncoveredWork(
  url: string,
  kind: 'MAINTENANCE' | 'INSTALLATION',
  district: string | null = null,
) {
  const edges = await all<any>(url, WORK, { kind, district }, (d) => ({
    nodes: d.unlicensedWork.edges,
    pageInfo: d.unlicensedWork.pageInfo,
  }));
  const companies = edges.map((e) => e.node);
  const items: UncoveredItem[] = [];
  for (let i = 0; i < companies.length; i++) {
    const company = i === 0 ? null : edges[i - 1].cursor;
    const nodes = await all<any>(url, COMPANY_WORK, { kind, district, company }, (d) => d.unlicensedWork.nodes[0].work);
    for (const w of nodes)
      items.push({
        companyUscc: companies[i].enterprise.uscc,
        recordId: w.recordId,
        code: w.equipment.code,
        date: w.date,
        catalogueCode: w.catalogueCode,
        district: w.district,
        reason: w.reason,
      });
  }
  return { companies, items };
}

const LENDING = `query ($limit: Int, $from: Date, $to: Date, $first: Int, $after: String) {
  certificateLending(dailyElevatorLimit: $limit, from: $from, to: $to, first: $first, after: $after) {
    nodes { number certificate { number } reasons companies { uscc } overLimitDays { date elevators } invalidDays suspendedDays records }
    pageInfo { hasNextPage endCursor }
  }
}`;

export async function allLending(url: string, variables: { limit?: number; from?: string; to?: string } = {}) {
  const rows = await all<any>(url, LENDING, variables, (d) => d.certificateLending);
  return {
    rows,
    multiCompany: rows
      .filter((r) => r.reasons.includes('MULTI_COMPANY'))
      .map((r) => r.certificate.number as string)
      .sort(),
    overDailyLimit: rows.flatMap((r) =>
      r.overLimitDays.map((d: any) => ({
        number: r.certificate.number as string,
        date: d.date as string,
        elevators: d.elevators as number,
      })),
    ),
    /** Signatures on a day outside the certificate's validity, and within its suspension, as the manifest lists them. */
    signedWhileInvalid: signaturesOn(rows, 'invalidDays'),
    signedWhileSuspended: signaturesOn(rows, 'suspendedDays'),
  };
}

/** { number, date } of each day a row lists in the field, rows by number, days oldest first (the manifest's order). */
function signaturesOn(rows: readonly any[], field: 'invalidDays' | 'suspendedDays') {
  return [...rows]
    .sort((a, b) => (a.number as string).localeCompare(b.number))
    .flatMap((r) => (r[field] as string[]).map((date) => ({ number: r.number as string, date })));
}

const REPORTS = `query ($year: Int!, $district: ID, $type: LicenceType, $first: Int, $after: String) {
  licenceHoldersMissingAnnualReport(year: $year, district: $district, licenceType: $type, first: $first, after: $after) {
    nodes { enterprise { uscc } year licenceTypes district lastReportYear }
    pageInfo { hasNextPage endCursor }
  }
}`;

export async function allMissingReports(url: string, year: number, filter: { district?: string; type?: string } = {}) {
  return all<any>(url, REPORTS, { year, ...filter }, (d) => d.licenceHoldersMissingAnnualReport);
}
