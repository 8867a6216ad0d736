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

/** Overdue when nothing is on record, or the last visit (its date) is longer ago than the allowed interval. */
export function isMaintenanceOverdue(elevator: ElevatorProfile, lastVisitOn: string | null, today: string, rules: MaintenanceRules): boolean {
  return lastVisitOn === null || daysBetween(lastVisitOn, today) > allowedIntervalDays(elevator, rules);
}

/** Elevators this many full years in service count as old (DOMAIN.md: safety assessment planned). */
export const OLD_ELEVATOR_YEARS = 15;

/** Whole years from a date to today. */
export function yearsSince(date: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  return today.slice(5) < date.slice(5) ? years - 1 : years;
}
