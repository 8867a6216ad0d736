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
import { type Page, type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import { districtsToCover, districtsWithin, mayReadDistrict, outsideDistricts } from '../common/districts.ts';
import type { ElevatorLoaders } from './loaders.ts';
import { type CompanyRank, maintenanceRanking } from './ranking.ts';
import { districtOfCode } from './indexed-elevator.ts';
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

const DAY_MS = 86_400_000;

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
        byDistrict: alarmFiguresByDistrict(window, snapshot.byCode, {
          nowMs,
          targetMinutes: deps.rescueTargetMinutes,
        }),
      };
    }
    return alarmFigures.byDistrict;
  }

  /** Alarms of the 24-hour window in the caller's districts, newest first: the platform cannot filter by district. */
  async function districtAlarmPage(
    within: readonly string[],
    kind: AlarmKind | undefined,
    since: Date,
    now: Date,
    page: Page,
  ) {
    if (now.getTime() - since.getTime() > DAY_MS)
      throw badUserInput('a caller limited to districts may read the alarms of the last 24 hours only', 'filter.since');
    const { byCode } = await index.current();
    const matching = (await alarms.last24h())
      .filter((a) => a.raisedAt >= since && (kind === undefined || a.kind === kind))
      .filter((a) => within.includes(districtOfCode(byCode, a.registrationCode) ?? ''))
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime() || b.id.localeCompare(a.id));
    return toConnection(matching.slice(page.offset, page.offset + page.limit), page, matching.length);
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
      async elevators(_: unknown, args: PageArgs & { filter?: SearchFilterArg | null }, ctx: Ctx) {
        const page = toPage(args);
        // A caller limited to districts is answered from the index, which knows every elevator's district.
        const filter = { ...searchFilter(args.filter, today()), within: districtsWithin(ctx.caller) };
        if (needsIndex(filter)) return indexedConnection((await index.current()).elevators, filter, page);
        const slice = await adapter.searchElevators(filter, page);
        return toConnection(slice.items, page, slice.total);
      },
      async maintenanceCompanyRanking(_: unknown, args: PageArgs & { district?: string | null }, ctx: Ctx) {
        const page = toPage(args);
        const district = args.district == null ? undefined : districtArg(args.district, 'district');
        const snapshot = await index.current();
        const ranking = maintenanceRanking(snapshot, districtsToCover(ctx.caller, district));
        return {
          ...toConnection(ranking.slice(page.offset, page.offset + page.limit), page, ranking.length),
          refreshedAt: snapshot.refreshedAt,
        };
      },
      async alarm(_: unknown, args: { id: string }, ctx: Ctx) {
        const alarm = alarms.byId(args.id);
        if (alarm === undefined) return null;
        // An alarm belongs to its elevator's district, as the elevator itself does.
        const district = districtOfCode((await index.current()).byCode, alarm.registrationCode);
        if (!mayReadDistrict(ctx.caller, district)) throw outsideDistricts(`Alarm ${args.id}`);
        return alarm;
      },
      async recentAlarms(
        _: unknown,
        args: PageArgs & { filter?: { kind?: AlarmKind | null; since?: Date | null } | null },
        ctx: Ctx,
      ) {
        const page = toPage(args);
        const now = clock.now();
        const since = args.filter?.since ?? new Date(now.getTime() - DAY_MS);
        const within = districtsWithin(ctx.caller);
        if (within !== undefined) return districtAlarmPage(within, args.filter?.kind ?? undefined, since, now, page);
        const slice = await adapter.alarms(
          { kind: args.filter?.kind ?? undefined, raisedFrom: since, raisedTo: now },
          page,
        );
        return toConnection(slice.items, page, slice.total);
      },
    },
    // Apollo Gateway cannot execute subscriptions: the gateway serves them (gateway/live/) and never asks here.
    Subscription: {
      alarms: { subscribe: servedByTheGateway },
      figuresChanged: { subscribe: servedByTheGateway },
    },
    District: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      // Counted once for the whole city with the index; each caller reads only its districts' (common/districts.ts).
      async elevatorStatistics(d: { code: string }, _: unknown, ctx: Ctx) {
        if (!mayReadDistrict(ctx.caller, d.code)) throw outsideDistricts(`The figures of district ${d.code}`);
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
      // The enterprise is city-wide; its lists of elevators hold the caller's districts only.
      async maintainedElevators(
        e: { uscc: string },
        args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null },
        ctx: Ctx,
      ) {
        const page = toPage(args);
        return indexedConnection(
          (await index.current()).maintainedBy.get(e.uscc) ?? [],
          { ...enterpriseFilter(args.filter), within: districtsWithin(ctx.caller) },
          page,
        );
      },
      async usedElevators(
        e: { uscc: string },
        args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null },
        ctx: Ctx,
      ) {
        const page = toPage(args);
        return indexedConnection(
          (await index.current()).usedBy.get(e.uscc) ?? [],
          { ...enterpriseFilter(args.filter), within: districtsWithin(ctx.caller) },
          page,
        );
      },
      async maintenanceStats(e: { uscc: string }, _: unknown, ctx: Ctx) {
        const snapshot = await index.current();
        // Counted over the elevators of the caller's districts: the ranking's row of this company for the caller.
        const figures = maintenanceRanking(snapshot, districtsWithin(ctx.caller)).find((r) => r.uscc === e.uscc);
        if (!figures) return null;
        return {
          uscc: e.uscc,
          elevatorsMaintained: figures.elevatorsMaintained,
          overdue: figures.overdue,
          overdueRatio: figures.overdueRatio,
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

function servedByTheGateway(): never {
  throw new Error('Subscriptions are served by the gateway (graphql-ws or SSE on its /graphql), not by this subgraph');
}
