/**
 * Maintenance-interval rules (DOMAIN.md: configurable). Simplification, recorded: an on-demand
 * elevator gets the longer interval when the platform says it has remote monitoring and insurance;
 * the other two eligibility conditions (maintainer credit class better than C, inspection valid) live
 * in other subgraphs and are not checked here yet.
 */
import { daysBetween } from '../../runtime/clock.ts';
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';

export interface MaintenanceRules {
  /** Days allowed between visits (TSG T5002-2017: 15). */
  readonly intervalDays: number;
  /** Days allowed for eligible on-demand (按需维保) elevators. */
  readonly onDemandIntervalDays: number;
}

export const DEFAULT_MAINTENANCE_RULES: MaintenanceRules = { intervalDays: 15, onDemandIntervalDays: 30 };

export function allowedIntervalDays(elevator: ElevatorProfile, rules: MaintenanceRules): number {
  const onDemandEligible = elevator.onDemand && elevator.remoteMonitoring && elevator.insured;
  return onDemandEligible ? rules.onDemandIntervalDays : rules.intervalDays;
}

/**
 * Overdue when the elevator is in use and nothing is on record, or the last visit (its date) is longer
 * ago than the allowed interval. A suspended or scrapped elevator owes no maintenance.
 */
export function isMaintenanceOverdue(elevator: ElevatorProfile, lastVisitOn: string | null, today: string, rules: MaintenanceRules): boolean {
  if (elevator.status !== 'IN_USE') return false;
  return lastVisitOn === null || daysBetween(lastVisitOn, today) > allowedIntervalDays(elevator, rules);
}

/** Elevators this many full years in service count as old (DOMAIN.md: safety assessment planned). */
export const OLD_ELEVATOR_YEARS = 15;

/** Installed before this date, an elevator counts as old today (over OLD_ELEVATOR_YEARS in service). */
export function oldCutoff(today: string): string {
  return yearsBefore(today, OLD_ELEVATOR_YEARS);
}

/** The date `years` before `today`; 29 February falls back to the 28th. */
export function yearsBefore(today: string, years: number): string {
  const date = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  return date.endsWith('-02-29') && !Number.isFinite(Date.parse(`${date}T00:00:00Z`)) ? date.replace(/29$/, '28') : date;
}

/** Whole years from a date to today. */
export function yearsSince(date: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  return today.slice(5) < date.slice(5) ? years - 1 : years;
}
