/** The inspection process configuration: defaults, the PostgreSQL switch, and errors naming the variable. */
import { describe, expect, it } from 'vitest';
import { INSPECTION_DEFAULTS, readInspectionConfig } from './config.ts';

describe('inspection process configuration', () => {
  it('defaults to the embedded database', () => {
    expect(readInspectionConfig({})).toEqual({
      database: { kind: 'embedded', dataDir: INSPECTION_DEFAULTS.dataDir },
      schema: 'jy_qzk',
      timeoutMs: 10_000,
    });
  });

  it('uses a PostgreSQL server when INSPECTION_DATABASE_URL is set', () => {
    const config = readInspectionConfig({
      INSPECTION_DATABASE_URL: 'postgres://u@db:5432/jy',
      INSPECTION_DB_SCHEMA: 'qzk',
    });
    expect(config.database).toEqual({ kind: 'postgres', databaseUrl: 'postgres://u@db:5432/jy' });
    expect(config.schema).toBe('qzk');
  });

  it('stops with a message naming the variable', () => {
    expect(() => readInspectionConfig({ INSPECTION_DATABASE_URL: 'http://db' })).toThrow(
      'INSPECTION_DATABASE_URL must be a postgres:// URL',
    );
    expect(() =>
      readInspectionConfig({ INSPECTION_DATABASE_URL: 'postgres://db/x', INSPECTION_DATA_DIR: 'data/x' }),
    ).toThrow('INSPECTION_DATA_DIR must not be set');
    // A default folder is only a default: a server URL takes its place without a conflict.
    expect(
      readInspectionConfig({ INSPECTION_DATABASE_URL: 'postgres://db/x' }, { dataDir: 'data/seeded/inspection' })
        .database,
    ).toEqual({ kind: 'postgres', databaseUrl: 'postgres://db/x' });
    expect(readInspectionConfig({}, { dataDir: 'data/seeded/inspection' }).database).toEqual({
      kind: 'embedded',
      dataDir: 'data/seeded/inspection',
    });
    expect(() => readInspectionConfig({ INSPECTION_DB_SCHEMA: 'x; DROP' })).toThrow('INSPECTION_DB_SCHEMA');
    expect(() => readInspectionConfig({ INSPECTION_TIMEOUT_MS: '5s' })).toThrow('INSPECTION_TIMEOUT_MS');
  });
});
