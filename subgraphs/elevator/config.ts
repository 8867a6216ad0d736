/**
 * Configuration of the elevator subgraph process and of the platform stand-in, read once from the
 * environment. Defaults are the embedded ones (stand-in on 4103; the secret comes per start); a deployment
 * against the real platform sets ELEVATOR_URL, ELEVATOR_APP_KEY and ELEVATOR_APP_SECRET.
 */
import { ConfigError, type Env, readInt, readOptional, readPort, readString, readUrl } from '../../runtime/env.ts';
import { DEFAULT_RATE_PER_SECOND } from '../../adapters/elevator/index.ts';
import type { MaintenanceRules } from './rules.ts';

export interface ElevatorConfig {
  readonly platform: {
    readonly url: string;
    readonly appKey: string;
    readonly appSecret: string | undefined;
    readonly timeoutMs: number;
    readonly pageSize: number;
    readonly batchLimit: number;
    /** Calls per second the adapter allows itself. */
    readonly ratePerSecond: number;
  };
  readonly rules: MaintenanceRules;
  readonly indexMaxAgeMs: number;
  /** Milliseconds between reads of the platform's alarm feed. */
  readonly alarmPollMs: number;
  /** Minutes within which rescue should reach an entrapment (困人); later is a breach. */
  readonly rescueTargetMinutes: number;
  readonly standIn: { readonly port: number; readonly ratePerSecond: number; readonly rateBurst: number };
}

export const ELEVATOR_DEFAULTS = {
  url: 'http://127.0.0.1:4103',
  appKey: 'equipment-graph',
  timeoutMs: 5000,
  pageSize: 100,
  batchLimit: 100,
  intervalDays: 15,
  onDemandIntervalDays: 30,
  indexMaxAgeSeconds: 300,
  alarmPollMs: 5000,
  rescueTargetMinutes: 30,
  standInPort: 4103,
  ratePerSecond: 200,
  rateBurst: 400,
} as const;

/** The maintenance intervals when none are configured: 15 days, 30 for eligible on-demand elevators. */
export const DEFAULT_MAINTENANCE_RULES: MaintenanceRules = {
  intervalDays: ELEVATOR_DEFAULTS.intervalDays,
  onDemandIntervalDays: ELEVATOR_DEFAULTS.onDemandIntervalDays,
};

export function readElevatorConfig(env: Env): ElevatorConfig {
  // No default secret in code: the embedded start makes a random one per start; a standalone
  // platform or subgraph must be given one (requireAppSecret).
  const appSecret = readOptional(env, 'ELEVATOR_APP_SECRET');
  if (appSecret !== undefined && appSecret.length < 8)
    throw new ConfigError('ELEVATOR_APP_SECRET', 'must be at least 8 characters');
  return {
    platform: {
      url: readUrl(env, 'ELEVATOR_URL', ELEVATOR_DEFAULTS.url),
      appKey: readString(env, 'ELEVATOR_APP_KEY', ELEVATOR_DEFAULTS.appKey),
      appSecret,
      timeoutMs: readInt(env, 'ELEVATOR_TIMEOUT_MS', ELEVATOR_DEFAULTS.timeoutMs, { min: 100, max: 120_000 }),
      pageSize: readInt(env, 'ELEVATOR_PAGE_SIZE', ELEVATOR_DEFAULTS.pageSize, { min: 1, max: 100 }),
      batchLimit: readInt(env, 'ELEVATOR_BATCH_LIMIT', ELEVATOR_DEFAULTS.batchLimit, { min: 1, max: 100 }),
      ratePerSecond: readInt(env, 'ELEVATOR_RATE_PER_SECOND', DEFAULT_RATE_PER_SECOND, { min: 1, max: 100_000 }),
    },
    rules: {
      intervalDays: readInt(env, 'ELEVATOR_MAINTENANCE_INTERVAL_DAYS', ELEVATOR_DEFAULTS.intervalDays, {
        min: 1,
        max: 366,
      }),
      onDemandIntervalDays: readInt(env, 'ELEVATOR_ON_DEMAND_INTERVAL_DAYS', ELEVATOR_DEFAULTS.onDemandIntervalDays, {
        min: 1,
        max: 366,
      }),
    },
    indexMaxAgeMs:
      readInt(env, 'ELEVATOR_INDEX_MAX_AGE_SECONDS', ELEVATOR_DEFAULTS.indexMaxAgeSeconds, { min: 5, max: 86_400 }) *
      1000,
    alarmPollMs: readInt(env, 'ELEVATOR_ALARM_POLL_MS', ELEVATOR_DEFAULTS.alarmPollMs, { min: 100, max: 3_600_000 }),
    rescueTargetMinutes: readInt(env, 'ELEVATOR_RESCUE_TARGET_MINUTES', ELEVATOR_DEFAULTS.rescueTargetMinutes, {
      min: 1,
      max: 1440,
    }),
    standIn: {
      port: readPort(env, 'ELEVATOR_STANDIN_PORT', ELEVATOR_DEFAULTS.standInPort),
      ratePerSecond: readInt(env, 'ELEVATOR_STANDIN_RATE_PER_SECOND', ELEVATOR_DEFAULTS.ratePerSecond, {
        min: 1,
        max: 100_000,
      }),
      rateBurst: readInt(env, 'ELEVATOR_STANDIN_RATE_BURST', ELEVATOR_DEFAULTS.rateBurst, { min: 1, max: 100_000 }),
    },
  };
}

/** The platform secret, for processes that talk to (or are) the platform on their own. */
export function requireAppSecret(config: ElevatorConfig): string {
  if (config.platform.appSecret === undefined)
    throw new ConfigError(
      'ELEVATOR_APP_SECRET',
      'must be set (at least 8 characters) when the elevator platform or subgraph runs on its own',
    );
  return config.platform.appSecret;
}
