/**
 * The elevator search's and an enterprise's elevator lists' filters: validated into one filter, and
 * judged on the refreshed index when they ask what the platform cannot filter (overdue maintenance,
 * building use, status, installed strictly before a date).
 */
import { badUserInput } from '../../graph/errors.ts';
import type { ElevatorFilter, ElevatorStatus, ElevatorUsage } from '../../adapters/elevator/types.ts';
import { districtArg, usccArg } from '../common/arguments.ts';
import { type Page, toConnection } from '../common/connection.ts';
import type { IndexedElevator } from './indexed-elevator.ts';
import { oldCutoff, yearsBefore } from './rules.ts';

export interface SearchFilterArg {
  district?: string | null;
  maintainer?: string | null;
  userUnit?: string | null;
  onDemand?: boolean | null;
  minAgeYears?: number | null;
  maintenanceOverdue?: boolean | null;
  usage?: ElevatorUsage | null;
  status?: ElevatorStatus | null;
  installedBefore?: string | null;
  overFifteenYears?: boolean | null;
  safetyAssessed?: boolean | null;
  addedToExistingBuilding?: boolean | null;
}

export interface EnterpriseElevatorFilterArg {
  district?: string | null;
  maintenanceOverdue?: boolean | null;
}

/** The platform's own filters, and the conditions only the index can judge. */
export interface IndexFilter extends ElevatorFilter {
  readonly overdue?: boolean;
  readonly usage?: ElevatorUsage;
  readonly status?: ElevatorStatus;
  /** Installed strictly before this date (YYYY-MM-DD). */
  readonly installedBefore?: string;
  /** Only elevators in these districts (the caller's; common/districts.ts); none when empty. */
  readonly within?: readonly string[];
  /** Old (installed before `cutoff`, today minus 15 years: rules.ts oldCutoff), or not. */
  readonly old?: { readonly is: boolean; readonly cutoff: string };
  /** With a safety assessment on record, or without. */
  readonly assessed?: boolean;
  /** A lift added to an existing residential building (加装电梯), or not. */
  readonly added?: boolean;
}

export function searchFilter(arg: SearchFilterArg | null | undefined, today: string): IndexFilter {
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
    overdue: f.maintenanceOverdue ?? undefined,
    usage: f.usage ?? undefined,
    status: f.status ?? undefined,
    installedBefore: f.installedBefore ?? undefined,
    old: f.overFifteenYears == null ? undefined : { is: f.overFifteenYears, cutoff: oldCutoff(today) },
    assessed: f.safetyAssessed ?? undefined,
    added: f.addedToExistingBuilding ?? undefined,
  };
}

export function enterpriseFilter(arg: EnterpriseElevatorFilterArg | null | undefined): IndexFilter {
  return {
    district: arg?.district == null ? undefined : districtArg(arg.district, 'filter.district'),
    overdue: arg?.maintenanceOverdue ?? undefined,
  };
}

/** Whether the platform cannot answer the filter itself (it filters by one district, not by a caller's several). */
export function needsIndex(f: IndexFilter): boolean {
  return (
    f.overdue !== undefined ||
    f.usage !== undefined ||
    f.status !== undefined ||
    f.installedBefore !== undefined ||
    f.within !== undefined ||
    f.old !== undefined ||
    f.assessed !== undefined ||
    f.added !== undefined
  );
}

function matches(e: IndexedElevator, f: IndexFilter): boolean {
  const p = e.profile;
  return (
    (f.district === undefined || p.district === f.district) &&
    (f.within === undefined || (p.district !== null && f.within.includes(p.district))) &&
    (f.maintainerUscc === undefined || p.maintainerUscc === f.maintainerUscc) &&
    (f.userUscc === undefined || p.userUscc === f.userUscc) &&
    (f.onDemand === undefined || p.onDemand === f.onDemand) &&
    (f.remoteMonitoring === undefined || p.remoteMonitoring === f.remoteMonitoring) &&
    (f.installedOnOrBefore === undefined || p.installedOn <= f.installedOnOrBefore) &&
    (f.installedBefore === undefined || p.installedOn < f.installedBefore) &&
    (f.old === undefined || p.installedOn < f.old.cutoff === f.old.is) &&
    (f.assessed === undefined || (p.safetyAssessment !== null) === f.assessed) &&
    (f.added === undefined || p.addedToExistingBuilding === f.added) &&
    (f.usage === undefined || p.usage === f.usage) &&
    (f.status === undefined || p.status === f.status) &&
    (f.overdue === undefined || e.overdue === f.overdue)
  );
}

export function indexedConnection(elevators: readonly IndexedElevator[], filter: IndexFilter, page: Page) {
  const matching = elevators.filter((e) => matches(e, filter));
  return toConnection(
    matching.slice(page.offset, page.offset + page.limit).map((e) => e.profile),
    page,
    matching.length,
  );
}
