/**
 * Maintenance-interval rules (DOMAIN.md: configurable). An elevator under on-demand maintenance
 * (按需维保) gets the longer interval only while it is eligible: enrolled, remotely monitored and insured
 * (the platform's own fields), its maintenance company's credit class better than C (credit system),
 * and its latest inspection valid: next due date not passed and not failed (inspection system).
 */
import { daysBetween } from '../../runtime/clock.ts';
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';
import type { LatestInspection } from './eligibility.ts';

export interface MaintenanceRules {
  /** Days allowed between visits (TSG T5002-2017: 15). */
  readonly intervalDays: number;
  /** Days allowed for eligible on-demand (按需维保) elevators. */
  readonly onDemandIntervalDays: number;
}

/** The platform's half of eligibility: only for these are the other systems' facts needed. */
export function isOnDemandCandidate(elevator: ElevatorProfile): boolean {
  return elevator.onDemand && elevator.remoteMonitoring && elevator.insured;
}

/** Credit classes that qualify: better than C. */
const QUALIFYING_CLASSES = new Set(['A', 'B']);

/**
 * Whether the elevator may be maintained on demand today. A fact that could not be read (an Error)
 * counts as not qualifying: the fixed interval is the safe side of the rule.
 */
export function isOnDemandEligible(
  elevator: ElevatorProfile,
  maintainerRiskClass: string | null | Error,
  latestInspection: LatestInspection | null | Error,
  today: string,
): boolean {
  if (!isOnDemandCandidate(elevator) || maintainerRiskClass instanceof Error || latestInspection instanceof Error)
    return false;
  return (
    maintainerRiskClass !== null &&
    QUALIFYING_CLASSES.has(maintainerRiskClass) &&
    latestInspection !== null &&
    latestInspection.nextDueOn !== null &&
    latestInspection.nextDueOn >= today &&
    latestInspection.conclusion !== 'FAIL'
  );
}

/**
 * Overdue when the elevator is in use and nothing is on record, or the last visit (its date) is longer
 * ago than the allowed interval. A suspended or scrapped elevator owes no maintenance.
 */
export function isMaintenanceOverdue(
  elevator: ElevatorProfile,
  lastVisitOn: string | null,
  today: string,
  rules: MaintenanceRules,
  onDemandEligible: boolean,
): boolean {
  if (elevator.status !== 'IN_USE') return false;
  const allowed = onDemandEligible ? rules.onDemandIntervalDays : rules.intervalDays;
  return lastVisitOn === null || daysBetween(lastVisitOn, today) > allowed;
}

/** Elevators this many full years in service count as old (DOMAIN.md: safety assessment planned). */
const OLD_ELEVATOR_YEARS = 15;

/** Installed before this date, an elevator counts as old today (over OLD_ELEVATOR_YEARS in service). */
export function oldCutoff(today: string): string {
  return yearsBefore(today, OLD_ELEVATOR_YEARS);
}

/** The date `years` before `today`; 29 February falls back to the 28th. */
export function yearsBefore(today: string, years: number): string {
  const date = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  return date.endsWith('-02-29') && !Number.isFinite(Date.parse(`${date}T00:00:00Z`))
    ? date.replace(/29$/, '28')
    : date;
}

/** Whole years from a date to today. */
export function yearsSince(date: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  return today.slice(5) < date.slice(5) ? years - 1 : years;
}
