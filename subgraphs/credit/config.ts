/**
 * Configuration of the credit subgraph process: the drop directory the credit system writes to, and
 * where the ingested store lives (an embedded PGlite folder, or a PostgreSQL server).
 */
import { DEFAULT_MAX_SHRINK, DEFAULT_POLL_MS } from '../../adapters/credit/index.ts';
import { ConfigError, type Env, readInt, readOptional, readShare, readString } from '../../runtime/env.ts';

export interface CreditConfig {
  readonly dropDir: string;
  readonly store:
    | { readonly kind: 'embedded'; readonly storeDir: string }
    | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema: string };
  readonly pollMs: number;
  readonly timeoutMs: number;
  /** A snapshot that would remove more than this share of its dataset is held for an operator. */
  readonly maxShrink: number;
}

function readSchema(env: Env): string {
  const schema = readString(env, 'CREDIT_DB_SCHEMA', 'credit');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError('CREDIT_DB_SCHEMA', `must be a lower-case SQL identifier, got '${schema}'`);
  return schema;
}

export function readCreditConfig(env: Env, defaults: { dropDir: string; storeDir: string }): CreditConfig {
  const databaseUrl = readOptional(env, 'CREDIT_DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('CREDIT_DATABASE_URL', 'must be a postgres:// URL');
  return {
    dropDir: readString(env, 'CREDIT_DROP_DIR', defaults.dropDir),
    store:
      databaseUrl !== undefined
        ? { kind: 'postgres', databaseUrl, schema: readSchema(env) }
        : { kind: 'embedded', storeDir: readString(env, 'CREDIT_STORE_DIR', defaults.storeDir) },
    pollMs: readInt(env, 'CREDIT_POLL_MS', DEFAULT_POLL_MS, { min: 100, max: 3_600_000 }),
    timeoutMs: readInt(env, 'CREDIT_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    maxShrink: readShare(env, 'CREDIT_MAX_SHRINK', DEFAULT_MAX_SHRINK),
  };
}
