/**
 * District statistics are one GROUP BY over the whole registry: cheap at demo size, seconds at city
 * size. Dashboards poll them, so the subgraph keeps the last answer for a stated maximum age (a
 * maintained aggregate with its freshness in the answer) instead of scanning once per request.
 * Concurrent requests share one statement in flight; a failure is not kept.
 */
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import type { DistrictEquipmentStats } from '../../adapters/inspection/types.ts';
import type { Clock } from '../../runtime/clock.ts';

export interface CountedStatistics {
  readonly computedAt: Date;
  readonly byDistrict: Map<string, DistrictEquipmentStats>;
}

export class DistrictStatisticsCache {
  private entry: { day: string; computedAt: Date; value: Promise<CountedStatistics> } | undefined;

  constructor(
    private readonly port: InspectionPort,
    private readonly clock: Clock,
    /** 0 counts afresh on every request. */
    private readonly maxAgeMs: number,
  ) {
    if (!(maxAgeMs >= 0)) throw new Error(`DistrictStatisticsCache: maxAgeMs must be >= 0, got ${maxAgeMs}`);
  }

  /** The figures of every district with "overdue" judged against `day`. */
  get(day: string): Promise<CountedStatistics> {
    const now = this.clock.now();
    const current = this.entry;
    if (current && current.day === day && now.getTime() - current.computedAt.getTime() < this.maxAgeMs) return current.value;
    const value = this.port.districtStatistics(day).then((byDistrict) => ({ computedAt: now, byDistrict }));
    const entry = { day, computedAt: now, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}
