/** Per-request DataLoaders over the port: every entity and batch lookup goes through one of these. */
import DataLoader from 'dataloader';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { ElevatorProfile, MaintenanceRecord } from '../../adapters/elevator/types.ts';

export interface ElevatorLoaders {
  readonly elevator: DataLoader<string, ElevatorProfile | null>;
  readonly lastMaintenance: DataLoader<string, MaintenanceRecord | null>;
}

export function createElevatorLoaders(port: ElevatorPort): ElevatorLoaders {
  return {
    elevator: new DataLoader((codes: readonly string[]) => port.elevatorsByCode(codes)),
    lastMaintenance: new DataLoader((codes: readonly string[]) => port.lastMaintenanceByCode(codes)),
  };
}
