/**
 * Configuration of the supervision subgraph: how far back maintenance work is read, the daily
 * elevator limit of one certificate, and how old the cross-system index may get. The four systems
 * are reached with their own subgraphs' settings (bin/subgraph.ts, embedded/stack.ts).
 */
import { ConfigError, type Env, readInt, readOptional } from '../../runtime/env.ts';

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
    dailyElevatorLimit: readInt(env, 'SUPERVISION_DAILY_ELEVATOR_LIMIT', SUPERVISION_DEFAULTS.dailyElevatorLimit, { min: 1, max: 1000 }),
    indexMaxAgeMs: readInt(env, 'SUPERVISION_INDEX_MAX_AGE_SECONDS', SUPERVISION_DEFAULTS.indexMaxAgeSeconds, { min: 5, max: 86_400 }) * 1000,
  };
}

/**
 * A standalone supervision process shares the credit store and the inspection exchange database with
 * their own subgraphs, which an embedded (single-process) database cannot do: both must be servers.
 */
export function requireSharedDatabases(env: Env): { creditDatabaseUrl: string; inspectionDatabaseUrl: string } {
  const creditDatabaseUrl = readOptional(env, 'CREDIT_DATABASE_URL');
  if (creditDatabaseUrl === undefined) throw new ConfigError('CREDIT_DATABASE_URL', 'must be set when the supervision subgraph runs on its own (it reads the credit store the credit subgraph ingests into)');
  const inspectionDatabaseUrl = readOptional(env, 'INSPECTION_DATABASE_URL');
  if (inspectionDatabaseUrl === undefined) throw new ConfigError('INSPECTION_DATABASE_URL', 'must be set when the supervision subgraph runs on its own (it reads the inspection exchange database)');
  return { creditDatabaseUrl, inspectionDatabaseUrl };
}
