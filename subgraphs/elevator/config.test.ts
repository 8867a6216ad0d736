import { describe, expect, it } from 'vitest';
import { requireServerStores } from '../common/shared-databases.ts';
import { readCreditConfig } from '../credit/config.ts';
import { readInspectionConfig } from '../inspection/config.ts';

const stores = (env: Record<string, string>, subgraph: string) =>
  requireServerStores(
    readCreditConfig(env, { dropDir: 'drop', storeDir: 'store' }),
    readInspectionConfig(env),
    subgraph,
  );
import { ELEVATOR_DEFAULTS, readElevatorConfig } from './config.ts';

describe('elevator configuration', () => {
  it('defaults to the embedded stand-in and the 15/30-day rules', () => {
    const c = readElevatorConfig({});
    expect(c.platform).toMatchObject({
      url: 'http://127.0.0.1:4103',
      appKey: ELEVATOR_DEFAULTS.appKey,
      batchLimit: 100,
    });
    expect(c.rules).toEqual({ intervalDays: 15, onDemandIntervalDays: 30 });
    expect(c.indexMaxAgeMs).toBe(300_000);
    expect(c.alarmPollMs).toBe(5000);
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => readElevatorConfig({ ELEVATOR_BATCH_LIMIT: '500' })).toThrow(
      'ELEVATOR_BATCH_LIMIT must be from 1 to 100, got 500',
    );
    expect(() => readElevatorConfig({ ELEVATOR_URL: 'ftp://x' })).toThrow('ELEVATOR_URL');
    expect(() => readElevatorConfig({ ELEVATOR_APP_SECRET: 'short' })).toThrow(
      'ELEVATOR_APP_SECRET must be at least 8 characters',
    );
    expect(readElevatorConfig({ ELEVATOR_ON_DEMAND_INTERVAL_DAYS: '45' }).rules.onDemandIntervalDays).toBe(45);
    expect(() => readElevatorConfig({ ELEVATOR_ALARM_POLL_MS: '10' })).toThrow('ELEVATOR_ALARM_POLL_MS');
  });

  it('standalone, it needs the credit store and the inspection database as servers for eligibility, naming the missing variable', () => {
    expect(() => stores({}, 'elevator')).toThrow(
      /CREDIT_DATABASE_URL must be set when the elevator subgraph runs on its own/,
    );
    expect(() => stores({ CREDIT_DATABASE_URL: 'postgres://db/credit' }, 'elevator')).toThrow(
      /INSPECTION_DATABASE_URL/,
    );
    expect(
      stores({ CREDIT_DATABASE_URL: 'postgres://db/credit', INSPECTION_DATABASE_URL: 'postgres://db/jy' }, 'elevator'),
    ).toEqual({
      creditDatabaseUrl: 'postgres://db/credit',
      creditSchema: 'credit',
      inspectionDatabaseUrl: 'postgres://db/jy',
    });
  });
});
