/** Per-request DataLoaders over the port and the eligibility facts: every batch lookup goes through one of these. */
import DataLoader from 'dataloader';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { ElevatorProfile, MaintenanceRecord } from '../../adapters/elevator/types.ts';
import type { EligibilityFacts, LatestInspection } from './eligibility.ts';
import { type OperatorWorkload, WorkloadBudget, operatorWorkload } from './workload.ts';
import type { Caller } from '../../graph/caller.ts';
import { mayReadDistrict, outsideDistricts } from '../common/districts.ts';

export interface ElevatorLoaders {
  /** An elevator outside the caller's districts is a FORBIDDEN error in its place. */
  readonly elevator: DataLoader<string, ElevatorProfile | null>;
  readonly lastMaintenance: DataLoader<string, MaintenanceRecord | null>;
  /** A maintenance company's credit risk class (credit system). */
  readonly riskClass: DataLoader<string, string | null>;
  /** An elevator's latest inspection (inspection system). */
  readonly latestInspection: DataLoader<string, LatestInspection | null>;
  /** A maintenance company's operator workload, by `uscc|days`: read once per request, within its page budget. */
  readonly workload: DataLoader<string, OperatorWorkload>;
}

export function createElevatorLoaders(
  port: ElevatorPort,
  facts: EligibilityFacts,
  today: () => string,
  caller: Caller,
): ElevatorLoaders {
  const budget = new WorkloadBudget();
  return {
    workload: new DataLoader((keys: readonly string[]) =>
      Promise.all(
        keys.map((key) => {
          const [uscc = '', days = ''] = key.split('|');
          return operatorWorkload(port, uscc, today(), Number(days), budget).catch((error: Error) => error);
        }),
      ),
    ),
    elevator: new DataLoader(async (codes: readonly string[]) =>
      (await port.elevatorsByCode(codes)).map((p, i) =>
        p === null || p instanceof Error || mayReadDistrict(caller, p.district)
          ? p
          : outsideDistricts(`Elevator ${codes[i]}`),
      ),
    ),
    lastMaintenance: new DataLoader((codes: readonly string[]) => port.lastMaintenanceByCode(codes)),
    riskClass: new DataLoader((usccs: readonly string[]) => facts.riskClasses(usccs)),
    latestInspection: new DataLoader((codes: readonly string[]) => facts.latestInspections(codes)),
  };
}
