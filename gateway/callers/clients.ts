/**
 * Partner bureaus' systems and their API keys. A key is 32 random bytes shown once, when it is made;
 * only its SHA-256 is kept (a key is random, not a password: one fast hash suffices, and lookups by
 * hash take constant time). Each record binds the key to a client name, scopes, districts, optionally
 * a safelist of operations (their SHA-256, as in the persisted-query manifest) and its own rate.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Scope, SCOPES } from '../../graph/caller.ts';
import { isDistrictCode } from '../../reference/districts.ts';

export interface ClientRecord {
  readonly name: string;
  /** SHA-256 of the key, hex. */
  readonly keyHash: string;
  readonly scopes: readonly Scope[];
  /** Undefined: the whole city. */
  readonly districts: readonly string[] | undefined;
  /** Operation hashes this client may run; undefined: any operation. */
  readonly safelist: readonly string[] | undefined;
  /** Its own rate; undefined: the gateway's default (GATEWAY_RATE_PER_SECOND / GATEWAY_RATE_BURST). */
  readonly rate: { readonly perSecond: number; readonly burst: number } | undefined;
  readonly createdAt: string;
  readonly revokedAt: string | undefined;
}

/** Where records are kept: a file by default, PostgreSQL when configured. */
export interface ClientStore {
  /** Every record, revoked ones included. */
  list(): Promise<ClientRecord[]>;
  add(record: ClientRecord): Promise<void>;
  /** Revokes the active record of `name`; false when there is none. */
  revoke(name: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}

const KEY_PREFIX = 'egk_';

export function newApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const CLIENT_NAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const OPERATION_HASH = /^[0-9a-f]{64}$/;

/** The problems of a record about to be stored, in words for the command line; empty when it is fine. */
export function recordProblems(record: Omit<ClientRecord, 'keyHash' | 'createdAt' | 'revokedAt'>): string[] {
  const problems: string[] = [];
  if (!CLIENT_NAME.test(record.name))
    problems.push(`name '${record.name}': 2-63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit`);
  for (const scope of record.scopes)
    if (!(SCOPES as readonly string[]).includes(scope))
      problems.push(`scope '${scope}' is not one of ${SCOPES.join(', ')}`);
  for (const code of record.districts ?? [])
    if (!isDistrictCode(code)) problems.push(`district '${code}' is not a current district code (GB/T 2260)`);
  for (const hash of record.safelist ?? [])
    if (!OPERATION_HASH.test(hash)) problems.push(`safelist entry '${hash}' is not a SHA-256 in hex`);
  if (record.rate && !(record.rate.perSecond > 0 && record.rate.burst >= 1))
    problems.push('rate: per second must be above 0 and burst at least 1');
  return problems;
}
