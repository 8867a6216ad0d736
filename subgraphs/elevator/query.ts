/**
 * Root fields and index-backed answers: elevator search, recent alarms, District statistics, and an
 * Enterprise's elevator lists and maintenance statistics. The search goes to the platform unless it asks for overdue
 * maintenance, which only the refreshed index knows.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { badUserInput } from '../../adapters/core/errors.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { AlarmKind, ElevatorFilter } from '../../adapters/elevator/types.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { districtArg, usccArg } from '../common/arguments.ts';
import { type Page, type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import type { ElevatorLoaders } from './loaders.ts';
import type { ElevatorIndex, IndexSnapshot, IndexedElevator } from './register-index.ts';
import { yearsBefore } from './rules.ts';
import type { AlarmWindow } from './alarm-window.ts';
import { type DistrictAlarmFigures, EMPTY_DISTRICT_ALARMS, EMPTY_DISTRICT_COUNTS, alarmFiguresByDistrict } from './statistics.ts';
import { operatorWorkload } from './workload.ts';

type Ctx = SubgraphContext<ElevatorLoaders>;

interface SearchFilterArg {
  district?: string | null;
  maintainer?: string | null;
  userUnit?: string | null;
  onDemand?: boolean | null;
  minAgeYears?: number | null;
  maintenanceOverdue?: boolean | null;
}

function toFilter(arg: SearchFilterArg | null | undefined, today: string): ElevatorFilter {
  const f = arg ?? {};
  if (f.minAgeYears != null && (!Number.isInteger(f.minAgeYears) || f.minAgeYears < 0 || f.minAgeYears > 100)) {
    throw badUserInput(`filter.minAgeYears must be from 0 to 100, got ${f.minAgeYears}`, 'filter.minAgeYears');
  }
  return {
    district: f.district == null ? undefined : districtArg(f.district, 'filter.district'),
    maintainerUscc: f.maintainer == null ? undefined : usccArg(f.maintainer, 'filter.maintainer'),
    userUscc: f.userUnit == null ? undefined : usccArg(f.userUnit, 'filter.userUnit'),
    onDemand: f.onDemand ?? undefined,
    installedOnOrBefore: f.minAgeYears == null ? undefined : yearsBefore(today, f.minAgeYears),
  };
}

interface EnterpriseElevatorFilterArg {
  district?: string | null;
  maintenanceOverdue?: boolean | null;
}

function enterpriseFilter(arg: EnterpriseElevatorFilterArg | null | undefined): IndexFilter {
  return {
    district: arg?.district == null ? undefined : districtArg(arg.district, 'filter.district'),
    overdue: arg?.maintenanceOverdue ?? undefined,
  };
}

/** Conditions judged on the index: the platform's own filters, and the overdue judgement it cannot make. */
type IndexFilter = ElevatorFilter & { readonly overdue?: boolean };

function matches(e: IndexedElevator, f: IndexFilter): boolean {
  const p = e.profile;
  return (
    (f.district === undefined || p.district === f.district) &&
    (f.maintainerUscc === undefined || p.maintainerUscc === f.maintainerUscc) &&
    (f.userUscc === undefined || p.userUscc === f.userUscc) &&
    (f.onDemand === undefined || p.onDemand === f.onDemand) &&
    (f.remoteMonitoring === undefined || p.remoteMonitoring === f.remoteMonitoring) &&
    (f.installedOnOrBefore === undefined || p.installedOn <= f.installedOnOrBefore) &&
    (f.overdue === undefined || e.overdue === f.overdue)
  );
}

function indexedConnection(elevators: readonly IndexedElevator[], filter: IndexFilter, page: Page) {
  const matching = elevators.filter((e) => matches(e, filter));
  return toConnection(matching.slice(page.offset, page.offset + page.limit).map((e) => e.profile), page, matching.length);
}

export function queryResolvers(deps: { adapter: ElevatorPort; clock: Clock; index: ElevatorIndex; alarms: AlarmWindow }): GraphQLResolverMap<Ctx> {
  const { adapter, clock, index, alarms } = deps;
  const today = () => shanghaiDate(clock.now());

  // Alarm figures per district, recomputed only when the window or the index snapshot changed.
  let alarmFigures: { snapshot: IndexSnapshot; version: number; byDistrict: Map<string, DistrictAlarmFigures> } | undefined;
  async function districtAlarms(snapshot: IndexSnapshot): Promise<Map<string, DistrictAlarmFigures>> {
    const window = await alarms.last24h();
    if (alarmFigures?.snapshot !== snapshot || alarmFigures.version !== alarms.version) {
      alarmFigures = { snapshot, version: alarms.version, byDistrict: alarmFiguresByDistrict(window, snapshot.aggregates.districtOf) };
    }
    return alarmFigures.byDistrict;
  }

  return {
    Query: {
      async elevators(_: unknown, args: PageArgs & { filter?: SearchFilterArg | null }) {
        const page = toPage(args);
        const filter = toFilter(args.filter, today());
        const overdue = args.filter?.maintenanceOverdue;
        if (overdue == null) {
          const slice = await adapter.searchElevators(filter, page);
          return toConnection(slice.items, page, slice.total);
        }
        return indexedConnection((await index.current()).elevators, { ...filter, overdue }, page);
      },
      async recentAlarms(_: unknown, args: PageArgs & { filter?: { kind?: AlarmKind | null; since?: Date | null } | null }) {
        const page = toPage(args);
        const now = clock.now();
        const since = args.filter?.since ?? new Date(now.getTime() - 86_400_000);
        const slice = await adapter.alarms({ kind: args.filter?.kind ?? undefined, raisedFrom: since, raisedTo: now }, page);
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
    Enterprise: {
      // From the index, so a list of enterprises costs no platform call per enterprise.
      async maintainedElevators(e: { uscc: string }, args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null }) {
        const page = toPage(args);
        return indexedConnection((await index.current()).maintainedBy.get(e.uscc) ?? [], enterpriseFilter(args.filter), page);
      },
      async usedElevators(e: { uscc: string }, args: PageArgs & { filter?: EnterpriseElevatorFilterArg | null }) {
        const page = toPage(args);
        return indexedConnection((await index.current()).usedBy.get(e.uscc) ?? [], enterpriseFilter(args.filter), page);
      },
      async maintenanceStats(e: { uscc: string }) {
        const snapshot = await index.current();
        const figures = snapshot.aggregates.byMaintainer.get(e.uscc);
        if (!figures) return null;
        return { uscc: e.uscc, elevatorsMaintained: figures.maintained, overdue: figures.overdue, overdueRatio: figures.overdue / figures.maintained, refreshedAt: snapshot.refreshedAt };
      },
    },
    ElevatorMaintenanceStats: {
      operatorWorkload: (s: { uscc: string }, args: { days: number }) => operatorWorkload(adapter, s.uscc, today(), args.days),
    },
  };
}
