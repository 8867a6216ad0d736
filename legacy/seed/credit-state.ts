/**
 * The credit register as a state, and the one way it changes: applying the daily increments in order.
 * Removing an enterprise removes every credit row about it, so nothing is left pointing at it.
 * Enterprises and annual reports are kept in insertion-ordered maps (an update keeps its place, a new
 * row goes last), so a city's worth of increments applies in linear time.
 */
import type { CreditChange, CreditState, WorldAnnualReport, WorldEnterprise } from './world.ts';

const reportKey = (r: { uscc: string; year: number }) => `${r.uscc}|${r.year}`;

/** The state after the changes, in order. The snapshot is not modified. */
export function applyCreditChanges(snapshot: CreditState, increments: readonly CreditChange[]): CreditState {
  const enterprises = new Map<string, WorldEnterprise>(snapshot.enterprises.map((e) => [e.uscc, e]));
  const reports = new Map<string, WorldAnnualReport>(snapshot.annualReports.map((r) => [reportKey(r), r]));
  const reportYears = new Map<string, Set<number>>();
  for (const r of snapshot.annualReports) reportYears.set(r.uscc, (reportYears.get(r.uscc) ?? new Set()).add(r.year));
  const riskClasses = { ...snapshot.riskClasses };
  let penalties = [...snapshot.penalties];
  let abnormalListings = [...snapshot.abnormalListings];
  let seriousViolations = [...snapshot.seriousViolations];

  for (const change of increments) {
    switch (change.kind) {
      case 'upsertEnterprise':
        enterprises.set(change.enterprise.uscc, change.enterprise);
        break;
      case 'removeEnterprise': {
        const other = (row: { uscc: string }) => row.uscc !== change.uscc;
        enterprises.delete(change.uscc);
        delete riskClasses[change.uscc];
        for (const year of reportYears.get(change.uscc) ?? []) reports.delete(reportKey({ uscc: change.uscc, year }));
        reportYears.delete(change.uscc);
        penalties = penalties.filter(other);
        abnormalListings = abnormalListings.filter(other);
        seriousViolations = seriousViolations.filter(other);
        break;
      }
      case 'riskClass':
        riskClasses[change.uscc] = change.riskClass;
        break;
      case 'annualReport':
        reports.set(reportKey(change.report), change.report);
        reportYears.set(change.report.uscc, (reportYears.get(change.report.uscc) ?? new Set()).add(change.report.year));
        break;
      case 'penalty':
        penalties.push(change.penalty);
        break;
      case 'abnormal':
        abnormalListings.push(change.listing);
        break;
      case 'abnormalRemoved': {
        const at = abnormalListings.findIndex(
          (l) => l.uscc === change.uscc && l.reason === change.reason && l.removedOn === null,
        );
        if (at < 0) throw new Error(`abnormal listing ${change.uscc} reason ${change.reason} is not open`);
        abnormalListings[at] = {
          ...abnormalListings[at]!,
          removedOn: change.removedOn,
          removalReason: change.removalReason,
          removedBy: change.removedBy,
        };
        break;
      }
    }
  }
  return {
    enterprises: [...enterprises.values()],
    riskClasses,
    annualReports: [...reports.values()],
    penalties,
    abnormalListings,
    seriousViolations,
  };
}
