/**
 * Resolvers of the supervision subgraph: every answer comes from the cross-system index (no legacy
 * call at query time once it is built); arguments are checked before the index is consulted.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import { badUserInput } from '../../graph/errors.ts';
import type { LicenceType } from '../../adapters/permit/types.ts';
import { districtArg, usccArg } from '../common/arguments.ts';
import { type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import { districtsKey, districtsToCover } from '../common/districts.ts';
import { DateScalar, DateTimeScalar } from '../common/scalars.ts';
import type { SupervisionIndex } from './cross-index.ts';
import {
  type AnnualReportGapRow,
  type LendingRow,
  type UnlicensedWorkRow,
  certificateLending,
  maintenanceQualityFindings,
  missingAnnualReports,
  reasonCounts,
  unlicensedWork,
  workCompliance,
} from './questions.ts';
import { ELEVATOR_CERTIFICATE_ITEMS, type WorkKind } from './rules.ts';
import type { QualityReason } from './maintenance-quality.ts';
import type { QualityItem, Snapshot, WorkItem } from './snapshot.ts';

type Ctx = SubgraphContext<Record<string, never>>;

/** A page of a list the index answered in full. */
function paged<T>(rows: readonly T[], args: PageArgs) {
  const page = toPage(args);
  return toConnection(rows.slice(page.offset, page.offset + page.limit), page, rows.length);
}

function lendingPeriod(snapshot: Snapshot, from: string | null | undefined, to: string | null | undefined) {
  const window = snapshot.periods.MAINTENANCE;
  const period = { from: from ?? window.from, to: to ?? window.to };
  if (period.from < window.from)
    throw badUserInput(
      `from must be on or after ${window.from} (the index holds maintenance records from then), got ${period.from}`,
      'from',
    );
  if (period.to > window.to) throw badUserInput(`to must be on or before ${window.to} (today), got ${period.to}`, 'to');
  if (period.from > period.to) throw badUserInput(`from (${period.from}) must not be after to (${period.to})`, 'from');
  return period;
}

export function supervisionResolvers(
  index: SupervisionIndex,
  defaults: { dailyElevatorLimit: number },
): ResolverMap<Ctx> {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      async certificateLending(
        _: unknown,
        args: PageArgs & { dailyElevatorLimit?: number | null; from?: string | null; to?: string | null },
      ) {
        const limit = args.dailyElevatorLimit ?? defaults.dailyElevatorLimit;
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw badUserInput(`dailyElevatorLimit must be from 1 to 1000, got ${limit}`, 'dailyElevatorLimit');
        toPage(args);
        const snapshot = await index.current();
        const period = lendingPeriod(snapshot, args.from, args.to);
        const rows = await index.remember(snapshot, `lending|${limit}|${period.from}|${period.to}`, () =>
          certificateLending(snapshot, limit, period, ELEVATOR_CERTIFICATE_ITEMS),
        );
        return { ...paged(rows, args), ...period, dailyElevatorLimit: limit, refreshedAt: snapshot.refreshedAt };
      },
      async unlicensedWork(_: unknown, args: PageArgs & { kind: WorkKind; district?: string | null }, ctx: Ctx) {
        const district = args.district == null ? undefined : districtArg(args.district);
        toPage(args);
        const snapshot = await index.current();
        // Remembered per set of districts covered: a caller never gets rows computed for other districts.
        const districts = districtsToCover(ctx.caller, district);
        const rows = index.remember(snapshot, `work|${args.kind}|${districtsKey(districts)}`, () =>
          unlicensedWork(snapshot, args.kind, districts),
        );
        return { ...paged(rows, args), ...snapshot.periods[args.kind], refreshedAt: snapshot.refreshedAt };
      },
      async maintenanceQualityFindings(
        _: unknown,
        args: PageArgs & { kind?: QualityReason | null; district?: string | null },
        ctx: Ctx,
      ) {
        const district = args.district == null ? undefined : districtArg(args.district);
        toPage(args);
        const snapshot = await index.current();
        // Remembered per set of districts covered: a caller never gets rows computed for other districts.
        const districts = districtsToCover(ctx.caller, district);
        const reason = args.kind ?? null;
        const rows = index.remember(snapshot, `quality|${reason}|${districtsKey(districts)}`, () =>
          maintenanceQualityFindings(snapshot, reason, districts),
        );
        return { ...paged(rows, args), ...snapshot.periods.MAINTENANCE, refreshedAt: snapshot.refreshedAt };
      },
      async licenceHoldersMissingAnnualReport(
        _: unknown,
        args: PageArgs & { year: number; district?: string | null; licenceType?: LicenceType | null },
        ctx: Ctx,
      ) {
        const district = args.district == null ? undefined : districtArg(args.district);
        toPage(args);
        const snapshot = await index.current();
        const thisYear = Number(snapshot.today.slice(0, 4));
        if (!(args.year >= 1949 && args.year < thisYear))
          throw badUserInput(`year must be over: from 1949 to ${thisYear - 1}, got ${args.year}`, 'year');
        // No report at all for the year means the credit feed holds no history for it, not that every holder missed it.
        if (!snapshot.annualReportYears.has(args.year))
          throw badUserInput(
            `no annual-report data for ${args.year}: the credit system holds reports for ${[...snapshot.annualReportYears].sort().join(', ') || 'no year'}`,
            'year',
          );
        // A holder is in the district it is registered in; remembered per set of districts covered.
        const filter = { districts: districtsToCover(ctx.caller, district), licenceType: args.licenceType ?? null };
        const covered = districtsKey(filter.districts);
        const rows = index.remember(snapshot, `reports|${args.year}|${covered}|${filter.licenceType}`, () =>
          missingAnnualReports(snapshot, args.year, filter),
        );
        return { ...paged(rows, args), refreshedAt: snapshot.refreshedAt };
      },
    },
    Enterprise: {
      __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }),
      async licenceCompliance(e: { uscc: string }) {
        const uscc = usccArg(e.uscc);
        const snapshot = await index.current();
        const maintenance = workCompliance(snapshot, 'MAINTENANCE', uscc);
        const installation = workCompliance(snapshot, 'INSTALLATION', uscc);
        return {
          compliant: maintenance.uncoveredRecords === 0 && installation.uncoveredRecords === 0,
          maintenance,
          installation,
          refreshedAt: snapshot.refreshedAt,
        };
      },
    },
    UnlicensedWork: {
      enterprise: (row: UnlicensedWorkRow) => ({ uscc: row.companyUscc }),
      records: (row: UnlicensedWorkRow) => row.items.length,
      elevators: (row: UnlicensedWorkRow) => new Set(row.items.map((w) => w.registrationCode)).size,
      firstDate: (row: UnlicensedWorkRow) => row.items.at(-1)!.date,
      lastDate: (row: UnlicensedWorkRow) => row.items[0]!.date,
      reasons: (row: UnlicensedWorkRow) => reasonCounts(row.items),
      work: (row: UnlicensedWorkRow, args: PageArgs) => paged(row.items, args),
    },
    UncoveredWork: {
      equipment: (w: WorkItem) => ({ code: w.registrationCode }),
    },
    CertificateLending: {
      certificate: (row: LendingRow) => ({ number: row.number }),
      companies: (row: LendingRow) => row.companies.map((uscc) => ({ uscc })),
    },
    MaintenanceQualityFinding: {
      equipment: (q: QualityItem) => ({ code: q.registrationCode }),
      enterprise: (q: QualityItem) => ({ uscc: q.companyUscc }),
    },
    AnnualReportGap: {
      enterprise: (row: AnnualReportGapRow) => ({ uscc: row.uscc }),
    },
  };
}
