/**
 * Configuration of the supervision subgraph: how far back maintenance work is read, the daily
 * elevator limit of one certificate, and how old the cross-system index may get. The four systems
 * are reached with their own subgraphs' settings (bin/subgraph.ts, embedded/stack.ts).
 */
import { type Env, readInt } from '../../runtime/env.ts';

export interface SupervisionConfig {
  /** Days of maintenance records read back from today; default 60 (what the seed keeps). */
  readonly windowDays: number;
  /** More distinct elevators than this signed by one certificate in one day is implausible (借证挂靠). */
  readonly dailyElevatorLimit: number;
  readonly indexMaxAgeMs: number;
}

export const SUPERVISION_DEFAULTS = {
  windowDays: 60,
  dailyElevatorLimit: 12,
  indexMaxAgeSeconds: 600,
} as const;

export function readSupervisionConfig(env: Env): SupervisionConfig {
  return {
    windowDays: readInt(env, 'SUPERVISION_WINDOW_DAYS', SUPERVISION_DEFAULTS.windowDays, { min: 1, max: 366 }),
    dailyElevatorLimit: readInt(env, 'SUPERVISION_DAILY_ELEVATOR_LIMIT', SUPERVISION_DEFAULTS.dailyElevatorLimit, {
      min: 1,
      max: 1000,
    }),
    indexMaxAgeMs:
      readInt(env, 'SUPERVISION_INDEX_MAX_AGE_SECONDS', SUPERVISION_DEFAULTS.indexMaxAgeSeconds, {
        min: 5,
        max: 86_400,
      }) * 1000,
  };
}
