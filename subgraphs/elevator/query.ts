/**
 * Root fields and index-backed answers: one elevator by code or QR id, elevator search, recent alarms,
 * the maintenance risk ranking, District statistics, and an Enterprise's elevator lists and maintenance
 * statistics. The search goes to the platform unless it asks what only the refreshed index knows.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import { badUserInput } from '../../graph/errors.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { AlarmKind } from '../../adapters/elevator/types.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { districtArg, registrationCodeArg } from '../common/arguments.ts';
import { type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import type { ElevatorLoaders } from './loaders.ts';
import { type CompanyRank, maintenanceRanking } from './ranking.ts';
import type { ElevatorIndex, IndexSnapshot } from './register-index.ts';
import {
  type EnterpriseElevatorFilterArg,
  type SearchFilterArg,
  enterpriseFilter,
  indexedConnection,
  needsIndex,
  searchFilter,
} from './search-filter.ts';
import type { AlarmWindow } from './alarm-window.ts';
import {
  type DistrictAlarmFigures,
  EMPTY_DISTRICT_ALARMS,
  EMPTY_DISTRICT_COUNTS,
  alarmFiguresByDistrict,
} from './statistics.ts';

type Ctx = SubgraphContext<ElevatorLoaders>;

/** 上海智慧电梯码: 'SH' and 8 digits. */
const QR_ID = /^SH\d{8}$/;

export function queryResolvers(deps: {
  adapter: ElevatorPort;
  clock: Clock;
  index: ElevatorIndex;
  alarms: AlarmWindow;
  /** Rescue arrival target for entrapments, in minutes. */
  rescueTargetMinutes: number;
}): ResolverMap<Ctx> {
  const { adapter, clock, index, alarms } = deps;
  const today = () => shanghaiDate(clock.now());

  // Alarm figures per district, recomputed only when the window, the index snapshot or the minute changed
  // (a rescue still awaited becomes a breach as time passes, with no new alarm).
  let alarmFigures:
    | { snapshot: IndexSnapshot; version: number; minute: number; byDistrict: Map<string, DistrictAlarmFigures> }
    | undefined;
  async function districtAlarms(snapshot: IndexSnapshot): Promise<Map<string, DistrictAlarmFigures>> {
    const window = await alarms.last24h();
    const nowMs = clock.now().getTime();
    const minute = Math.floor(nowMs / 60_000);
    if (
      alarmFigures?.snapshot !== snapshot ||
      alarmFigures.version !== alarms.version ||
      alarmFigures.minute !== minute
    ) {
      alarmFigures = {
        snapshot,
        version: alarms.version,
        minute,
        byDistrict: alarmFiguresByDistrict(window, snapshot.aggregates.districtOf, {
          nowMs,
          targetMinutes: deps.rescueTargetMinutes,
        }),
      };
    }
    return alarmFigures.byDistrict;
  }

  return {
    Query: {
      async elevator(_: unknown, args: { registrationCode?: string | null; qrId?: string | null }, ctx: Ctx) {
        if ((args.registrationCode == null) === (args.qrId == null))
          throw badUserInput('give exactly one of registrationCode and qrId', 'registrationCode');
        if (args.registrationCode != null)
          return ctx.loaders.elevator.load(registrationCodeArg(args.registrationCode, 'registrationCode'));
        if (!QR_ID.test(args.qrId!))
          throw badUserInput(`qrId is not a Shanghai smart-elevator QR id ('SH' and 8 digits): ${args.qrId}`, 'qrId');
        // The platform has no lookup by QR id: the index maps it to the code, the profile is read live.
        const code = (await index.current()).codeOfQrId.get(args.qrId!);
        return code === undefined ? null : ctx.loaders.elevator.load(code);
      },
      async elevators(_: unknown, args: PageArgs & { filter?: SearchFilterArg | null }) {
        const page = toPage(args);
        const filter = searchFilter(args.filter, today());
        if (needsIndex(filter)) return indexedConnection((await index.current()).elevators, filter, page);
        const slice = await adapter.searchElevators(filter, page);
        return toConnection(slice.items, page, slice.total);
      },
      async maintenanceCompanyRanking(_: unknown, args: PageArgs & { district?: string | null }) {
        const page = toPage(args);
        const district = args.district == null ? undefined : districtArg(args.district, 'district');
        const snapshot = await index.current();
        const ranking = maintenanceRanking(snapshot, district);
        return {
          ...toConnection(ranking.slice(page.offset, page.offset + page.limit), page, ranking.length),
          refreshedAt: snapshot.refreshedAt,
        };
      },
      async recentAlarms(
        _: unknown,
        args: PageArgs & { filter?: { kind?: AlarmKind | null; since?: Date | null } | null },
      ) {
        const page = toPage(args);
        const now = clock.now();
        const since = args.filter?.since ?? new Date(now.getTime() - 86_400_000);
        const slice = await adapter.alarms(
          { kind: args.filter?.kind ?? undefined, raisedFrom: since, raisedTo: now },
          page,
        );
        return toConnection(slice.items, page, slice.total);
      },
    },
    District: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      async elevatorStatistics(d: { code: string }) {
        const snapshot = await index.current();
        const figures = snapshot.aggregates.byDistrict.get(d.code) ?? EMPTY_DISTRICT_COUNTS;
        return {
          ...figures,
          ...((await districtAlarms(snapshot)).get(d.code) ?? EMPTY_DISTRICT_ALARMS),
          refreshedAt: snapshot.refreshedAt,
          overdueRatio: figures.total === 0 ? 0 : figures.overdueMaintenance / figures.total,
          maxAgeSeconds: Math.round(index.maxAgeMs / 1000),
        };
      },
    },
    ElevatorCompanyRank: {
      company: (r: CompanyRank) => ({ uscc: r.uscc }),
    },
    Enterprise: {
      // From the index, so a list of enterprises costs no platform call per enterprise.
      async maintainedElevators(e: { uscc: string }, args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null }) {
        const page = toPage(args);
        return indexedConnection(
          (await index.current()).maintainedBy.get(e.uscc) ?? [],
          enterpriseFilter(args.filter),
          page,
        );
      },
      async usedElevators(e: { uscc: string }, args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null }) {
        const page = toPage(args);
        return indexedConnection((await index.current()).usedBy.get(e.uscc) ?? [], enterpriseFilter(args.filter), page);
      },
      async maintenanceStats(e: { uscc: string }) {
        const snapshot = await index.current();
        const figures = snapshot.aggregates.byMaintainer.get(e.uscc);
        if (!figures) return null;
        return {
          uscc: e.uscc,
          elevatorsMaintained: figures.maintained,
          overdue: figures.overdue,
          overdueRatio: figures.overdue / figures.maintained,
          refreshedAt: snapshot.refreshedAt,
        };
      },
    },
    ElevatorMaintenanceStats: {
      // Through the request's loader: one read per company, within the request's page budget (workload.ts).
      operatorWorkload: (s: { uscc: string }, args: { days: number }, ctx: Ctx) =>
        ctx.loaders.workload.load(`${s.uscc}|${args.days}`),
    },
  };
}
