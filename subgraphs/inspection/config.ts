/**
 * Configuration of the inspection subgraph process, read once from the environment. By default the
 * exchange database is the embedded PGlite directory (data/<scale>/inspection); with
 * INSPECTION_DATABASE_URL the adapter uses that PostgreSQL server instead, and no stand-in runs.
 */
import { ConfigError, type Env, readInt, readOptional, readString, readUrl } from '../../runtime/env.ts';

type InspectionDatabase =
  { readonly kind: 'embedded'; readonly dataDir: string } | { readonly kind: 'postgres'; readonly databaseUrl: string };

export interface InspectionConfig {
  readonly database: InspectionDatabase;
  /** Schema holding the exchange tables. */
  readonly schema: string;
  readonly timeoutMs: number;
}

export const INSPECTION_DEFAULTS = {
  dataDir: 'data/demo/inspection',
  schema: 'jy_qzk',
  timeoutMs: 10_000,
} as const;

/** `defaults.dataDir`: the embedded folder to use when neither INSPECTION_DATA_DIR nor a server is configured. */
export function readInspectionConfig(env: Env, defaults: { dataDir: string } = INSPECTION_DEFAULTS): InspectionConfig {
  const url = readOptional(env, 'INSPECTION_DATABASE_URL');
  if (url !== undefined && readOptional(env, 'INSPECTION_DATA_DIR') !== undefined) {
    throw new ConfigError(
      'INSPECTION_DATA_DIR',
      'must not be set together with INSPECTION_DATABASE_URL (choose the embedded database or a server)',
    );
  }
  if (url !== undefined && !/^postgres(ql)?:/.test(url))
    throw new ConfigError('INSPECTION_DATABASE_URL', 'must be a postgres:// URL');
  const schema = readString(env, 'INSPECTION_DB_SCHEMA', INSPECTION_DEFAULTS.schema);
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError('INSPECTION_DB_SCHEMA', `must be a lower-case SQL identifier, got '${schema}'`);
  return {
    database:
      url !== undefined
        ? { kind: 'postgres', databaseUrl: readUrl(env, 'INSPECTION_DATABASE_URL', url) }
        : { kind: 'embedded', dataDir: readString(env, 'INSPECTION_DATA_DIR', defaults.dataDir) },
    schema,
    timeoutMs: readInt(env, 'INSPECTION_TIMEOUT_MS', INSPECTION_DEFAULTS.timeoutMs, { min: 100, max: 120_000 }),
  };
}
