/**
 * What one build of the elevator index holds, in a module of its own: the index (register-index.ts) and
 * its kept form (index-rows.ts) both use it, and neither may import the other's module for it.
 */
import type { IndexedElevator } from './indexed-elevator.ts';
import type { Aggregates } from './statistics.ts';

export interface IndexSnapshot {
  /** Real time the refresh finished. */
  readonly refreshedAt: Date;
  /** The clock's today when it was built (what "overdue" and ages were judged against). */
  readonly today: string;
  readonly elevators: readonly IndexedElevator[];
  /** Per maintenance company and per user unit, its elevators in registration-code order. */
  readonly maintainedBy: ReadonlyMap<string, readonly IndexedElevator[]>;
  readonly usedBy: ReadonlyMap<string, readonly IndexedElevator[]>;
  /** Each elevator by registration code: where its alarms belong (district, maintenance company). */
  readonly byCode: ReadonlyMap<string, IndexedElevator>;
  /** Registration code of each Shanghai smart-elevator QR id (上海智慧电梯码). */
  readonly codeOfQrId: ReadonlyMap<string, string>;
  /** Records the platform sent malformed and the index had to leave out. */
  readonly skippedRecords: number;
  /** Per district and per maintenance company, computed with the snapshot. */
  readonly aggregates: Aggregates;
}
