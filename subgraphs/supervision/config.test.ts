import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.ts';
import { TEST_GATEWAY_ENV } from '../../test/support/callers.ts';
import { readEmbeddedConfig } from '../../embedded/config.ts';
import { requireServerStores } from '../common/shared-databases.ts';
import { readCreditConfig } from '../credit/config.ts';
import { readInspectionConfig } from '../inspection/config.ts';

const stores = (env: Record<string, string>, subgraph: string) =>
  requireServerStores(
    readCreditConfig(env, { dropDir: 'drop', storeDir: 'store' }),
    readInspectionConfig(env),
    subgraph,
  );
import { SUPERVISION_DEFAULTS, readSupervisionConfig } from './config.ts';

describe('supervision configuration', () => {
  it('defaults: a 60-day window, 12 elevators a day, a 10-minute index; port 4005', () => {
    expect(readSupervisionConfig({})).toEqual({
      windowDays: 60,
      dailyElevatorLimit: 12,
      indexMaxAgeMs: SUPERVISION_DEFAULTS.indexMaxAgeSeconds * 1000,
    });
    expect(readEmbeddedConfig({}).subgraphPorts.supervision).toBe(4005);
  });

  it('reads each variable and names the bad one', () => {
    expect(
      readSupervisionConfig({
        SUPERVISION_WINDOW_DAYS: '30',
        SUPERVISION_DAILY_ELEVATOR_LIMIT: '8',
        SUPERVISION_INDEX_MAX_AGE_SECONDS: '60',
      }),
    ).toEqual({ windowDays: 30, dailyElevatorLimit: 8, indexMaxAgeMs: 60_000 });
    expect(() => readSupervisionConfig({ SUPERVISION_WINDOW_DAYS: '0' })).toThrow(/SUPERVISION_WINDOW_DAYS/);
    expect(() => readSupervisionConfig({ SUPERVISION_DAILY_ELEVATOR_LIMIT: 'many' })).toThrow(
      /SUPERVISION_DAILY_ELEVATOR_LIMIT/,
    );
  });

  it('standalone, it needs the credit store and the inspection database as servers, naming the missing variable', () => {
    expect(() => stores({}, 'supervision')).toThrow(/CREDIT_DATABASE_URL/);
    expect(() => stores({ CREDIT_DATABASE_URL: 'postgres://db/credit' }, 'supervision')).toThrow(
      /INSPECTION_DATABASE_URL/,
    );
    expect(
      stores(
        { CREDIT_DATABASE_URL: 'postgres://db/credit', INSPECTION_DATABASE_URL: 'postgres://db/jy' },
        'supervision',
      ),
    ).toEqual({
      creditDatabaseUrl: 'postgres://db/credit',
      creditSchema: 'credit',
      inspectionDatabaseUrl: 'postgres://db/jy',
    });
  });

  it('the gateway takes SUBGRAPH_URL_SUPERVISION', () => {
    expect(
      readGatewayConfig({ ...TEST_GATEWAY_ENV, SUBGRAPH_URL_SUPERVISION: 'http://supervision:4005/graphql' })
        .subgraphUrls.supervision,
    ).toBe('http://supervision:4005/graphql');
  });
});
