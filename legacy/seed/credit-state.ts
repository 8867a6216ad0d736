/**
 * The credit register as a state, and the one way it changes: applying the daily increments in order.
 * Removing an enterprise removes every credit row about it, so nothing is left pointing at it.
 */
import type { CreditChange, CreditState } from './world.ts';

/** The state after the changes, in order. The snapshot is not modified. */
export function applyCreditChanges(snapshot: CreditState, increments: readonly CreditChange[]): CreditState {
  const state: CreditState = {
    enterprises: [...snapshot.enterprises],
    riskClasses: { ...snapshot.riskClasses },
    annualReports: [...snapshot.annualReports],
    penalties: [...snapshot.penalties],
    abnormalListings: [...snapshot.abnormalListings],
    seriousViolations: [...snapshot.seriousViolations],
  };
  for (const change of increments) {
    switch (change.kind) {
      case 'upsertEnterprise': {
        const at = state.enterprises.findIndex((e) => e.uscc === change.enterprise.uscc);
        if (at >= 0) state.enterprises[at] = change.enterprise;
        else state.enterprises.push(change.enterprise);
        break;
      }
      case 'removeEnterprise': {
        const other = (row: { uscc: string }) => row.uscc !== change.uscc;
        state.enterprises = state.enterprises.filter(other);
        delete state.riskClasses[change.uscc];
        state.annualReports = state.annualReports.filter(other);
        state.penalties = state.penalties.filter(other);
        state.abnormalListings = state.abnormalListings.filter(other);
        state.seriousViolations = state.seriousViolations.filter(other);
        break;
      }
      case 'riskClass':
        state.riskClasses[change.uscc] = change.riskClass;
        break;
      case 'annualReport': {
        const at = state.annualReports.findIndex((r) => r.uscc === change.report.uscc && r.year === change.report.year);
        if (at >= 0) state.annualReports[at] = change.report;
        else state.annualReports.push(change.report);
        break;
      }
      case 'penalty':
        state.penalties.push(change.penalty);
        break;
      case 'abnormal':
        state.abnormalListings.push(change.listing);
        break;
      case 'abnormalRemoved': {
        const at = state.abnormalListings.findIndex((l) => l.uscc === change.uscc && l.reason === change.reason && l.removedOn === null);
        if (at < 0) throw new Error(`abnormal listing ${change.uscc} reason ${change.reason} is not open`);
        state.abnormalListings[at] = { ...state.abnormalListings[at]!, removedOn: change.removedOn, removalReason: change.removalReason, removedBy: change.removedBy };
        break;
      }
    }
  }
  return state;
}
