/**
 * Where the audit trail is kept: AUDIT_DATABASE_URL (PostgreSQL, schema AUDIT_DB_SCHEMA), else the JSON
 * lines file AUDIT_FILE (default DATA_DIR/audit/personal-data-reads.jsonl). Every subgraph process and
 * `npm run audit` read the same settings, so they meet the same trail.
 */
import { join } from 'node:path';
import { ConfigError, type Env, readOptional, readString, readUrl } from '../../../runtime/env.ts';
import { fileAuditTrail } from './file-store.ts';
import { postgresAuditTrail } from './pg-store.ts';
import type { AuditTrail } from './trail.ts';

export type AuditConfig =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema: string };

export function readAuditConfig(env: Env): AuditConfig {
  if (readOptional(env, 'AUDIT_DATABASE_URL') === undefined) {
    const dataDir = readString(env, 'DATA_DIR', 'data');
    return { kind: 'file', path: readString(env, 'AUDIT_FILE', join(dataDir, 'audit', 'personal-data-reads.jsonl')) };
  }
  const schema = readString(env, 'AUDIT_DB_SCHEMA', 'equipment_graph_audit');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError('AUDIT_DB_SCHEMA', 'must be a lower-case SQL identifier');
  return { kind: 'postgres', databaseUrl: readUrl(env, 'AUDIT_DATABASE_URL', ''), schema };
}

export function openAuditTrail(config: AuditConfig): Promise<AuditTrail> {
  return config.kind === 'file' ? fileAuditTrail(config.path) : postgresAuditTrail(config.databaseUrl, config.schema);
}
