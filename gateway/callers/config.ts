/**
 * How the gateway knows its callers, read once with the rest of its configuration: tokens (whose keys,
 * issuer, audience, claim names), partner API keys (where they are kept), anonymous callers, the
 * internal signing secret shared with the subgraphs, rate limits and the persisted-query manifest.
 *
 * Two profiles: `standalone` (npm run start:gateway, docker-compose.yml, production) refuses anonymous
 * callers and has no signing secret but the one configured; `embedded` (npm start) lets anonymous
 * callers read, makes a signing secret per start and accepts the tokens of `npm run token`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSigningSecret } from '../../graph/gateway-signature.ts';
import { ConfigError, type Env, readBool, readInt, readOptional, readString, readUrl } from '../../runtime/env.ts';

export type GatewayProfile = 'standalone' | 'embedded';

type JwtKeySource =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'pem'; readonly path: string }
  | { readonly kind: 'jwks'; readonly path: string }
  /** The embedded start's development key (DATA_DIR/dev-token-secret), made on first use; see dev-token.ts. */
  | { readonly kind: 'dev'; readonly path: string };

export interface JwtConfig {
  readonly key: JwtKeySource;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  /** Claim names: who (subject), what (scopes: a space-separated string or a list), where (district codes). */
  readonly claims: { readonly subject: string; readonly scopes: string; readonly districts: string };
}

export type ClientStoreConfig =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema: string };

interface RateLimitConfig {
  /** Tokens added per second to a caller's bucket, unless its client record says otherwise. */
  readonly perSecond: number;
  /** The bucket's size: how many requests may come at once after a quiet spell. */
  readonly burst: number;
  /** REDIS_URL: buckets shared by every gateway replica; unset, each process keeps its own. */
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
}

export interface CallersConfig {
  /** Whether a request without credentials is served as ANONYMOUS (graph/caller.ts) or refused with 401. */
  readonly anonymous: boolean;
  /** HMAC secret shared with the subgraphs (graph/gateway-signature.ts). */
  readonly signingSecret: string;
  /** Undefined: bearer tokens are refused (no issuer is trusted). */
  readonly jwt: JwtConfig | undefined;
  readonly clients: ClientStoreConfig;
  /** How often the client store is re-read: a new or revoked key takes effect within this time. */
  readonly clientsRefreshMs: number;
  readonly rateLimit: RateLimitConfig;
  /** The persisted-query manifest (npm run persisted-queries): operations runnable by hash, and safelists. */
  readonly persistedQueriesPath: string;
}

/** The embedded start's own token issuer: `npm run token` signs for it, nothing else does. */
const DEV_TOKEN_ISSUER = 'equipment-graph-embedded';
const TOKEN_AUDIENCE_DEFAULT = 'equipment-graph';

export const CALLERS_DEFAULTS = {
  clockToleranceSeconds: 30,
  claims: { subject: 'sub', scopes: 'scope', districts: 'districts' },
  clientsRefreshMs: 5_000,
  clientsDbSchema: 'equipment_graph_callers',
  /** A production gateway's default per caller; the embedded start (one developer's scripts, tests) allows more. */
  rate: { standalone: { perSecond: 50, burst: 100 }, embedded: { perSecond: 1_000, burst: 2_000 } },
  redisPrefix: 'equipment-graph:rate:',
  persistedQueriesPath: fileURLToPath(new URL('../../docs/operations/manifest.json', import.meta.url)),
} as const;

/** DATA_DIR, where the client file and the development token key live by default. */
function dataDirOf(env: Env): string {
  return readString(env, 'DATA_DIR', 'data');
}

export function readCallersConfig(env: Env, profile: GatewayProfile): CallersConfig {
  const embedded = profile === 'embedded';
  const signingSecret = readSigningSecret(env) ?? (embedded ? randomBytes(32).toString('base64url') : undefined);
  if (signingSecret === undefined)
    throw new ConfigError(
      'GATEWAY_SIGNING_SECRET',
      'is required: the secret shared with the subgraphs to sign requests',
    );
  return {
    anonymous: readBool(env, 'GATEWAY_ANONYMOUS', embedded),
    signingSecret,
    jwt: readJwtConfig(env, embedded),
    clients: readClientStoreConfig(env),
    clientsRefreshMs: readInt(env, 'GATEWAY_CLIENTS_REFRESH_MS', CALLERS_DEFAULTS.clientsRefreshMs, {
      min: 50,
      max: 3_600_000,
    }),
    rateLimit: {
      perSecond: readInt(env, 'GATEWAY_RATE_PER_SECOND', CALLERS_DEFAULTS.rate[profile].perSecond, {
        min: 1,
        max: 1_000_000,
      }),
      burst: readInt(env, 'GATEWAY_RATE_BURST', CALLERS_DEFAULTS.rate[profile].burst, { min: 1, max: 10_000_000 }),
      redisUrl: readOptional(env, 'REDIS_URL') === undefined ? undefined : readRedisUrl(env),
      redisPrefix: readString(env, 'GATEWAY_RATE_REDIS_PREFIX', CALLERS_DEFAULTS.redisPrefix),
    },
    persistedQueriesPath: readString(env, 'GATEWAY_PERSISTED_QUERIES', CALLERS_DEFAULTS.persistedQueriesPath),
  };
}

/** Where partner API keys are kept: CLIENTS_DATABASE_URL (PostgreSQL), else CLIENTS_FILE. */
export function readClientStoreConfig(env: Env): ClientStoreConfig {
  if (readOptional(env, 'CLIENTS_DATABASE_URL') === undefined)
    return { kind: 'file', path: readString(env, 'CLIENTS_FILE', join(dataDirOf(env), 'clients.json')) };
  return {
    kind: 'postgres',
    databaseUrl: readUrl(env, 'CLIENTS_DATABASE_URL', ''),
    schema: readIdentifier(env, 'CLIENTS_DB_SCHEMA', CALLERS_DEFAULTS.clientsDbSchema),
  };
}

/** The tokens the gateway accepts; `embedded`: without a configured key, the development key. */
export function readJwtConfig(env: Env, embedded: boolean): JwtConfig | undefined {
  const sources: JwtKeySource[] = [];
  const secret = readOptional(env, 'GATEWAY_JWT_SECRET');
  if (secret !== undefined) {
    if (secret.length < 32) throw new ConfigError('GATEWAY_JWT_SECRET', 'must be at least 32 characters long (HS256)');
    sources.push({ kind: 'secret', secret });
  }
  const pem = readOptional(env, 'GATEWAY_JWT_PUBLIC_KEY_FILE');
  if (pem !== undefined) sources.push({ kind: 'pem', path: pem });
  const jwks = readOptional(env, 'GATEWAY_JWT_JWKS_FILE');
  if (jwks !== undefined) sources.push({ kind: 'jwks', path: jwks });
  if (sources.length > 1)
    throw new ConfigError(
      'GATEWAY_JWT_SECRET',
      'GATEWAY_JWT_PUBLIC_KEY_FILE and GATEWAY_JWT_JWKS_FILE: set only one source of token keys',
    );
  const claims = {
    subject: readString(env, 'GATEWAY_JWT_SUBJECT_CLAIM', CALLERS_DEFAULTS.claims.subject),
    scopes: readString(env, 'GATEWAY_JWT_SCOPES_CLAIM', CALLERS_DEFAULTS.claims.scopes),
    districts: readString(env, 'GATEWAY_JWT_DISTRICTS_CLAIM', CALLERS_DEFAULTS.claims.districts),
  };
  const clockToleranceSeconds = readInt(env, 'GATEWAY_JWT_CLOCK_TOLERANCE_S', CALLERS_DEFAULTS.clockToleranceSeconds, {
    min: 0,
    max: 300,
  });
  const audience = readString(env, 'GATEWAY_JWT_AUDIENCE', TOKEN_AUDIENCE_DEFAULT);
  const configured = sources[0];
  if (configured === undefined) {
    if (!embedded) return undefined;
    const path = join(dataDirOf(env), 'dev-token-secret');
    return { key: { kind: 'dev', path }, issuer: DEV_TOKEN_ISSUER, audience, clockToleranceSeconds, claims };
  }
  const issuer = readOptional(env, 'GATEWAY_JWT_ISSUER');
  if (issuer === undefined)
    throw new ConfigError('GATEWAY_JWT_ISSUER', 'is required with a token key: the issuer (iss) tokens must name');
  return { key: configured, issuer, audience, clockToleranceSeconds, claims };
}

function readRedisUrl(env: Env): string {
  const raw = readString(env, 'REDIS_URL', '');
  try {
    if (/^rediss?:$/.test(new URL(raw).protocol)) return raw;
  } catch {
    // reported below
  }
  throw new ConfigError(
    'REDIS_URL',
    `must be a redis:// or rediss:// URL, got '${raw.replace(/\/\/[^@/]*@/, '//***@')}'`,
  );
}

function readIdentifier(env: Env, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value))
    throw new ConfigError(name, `must be a lower-case SQL identifier, got '${value}'`);
  return value;
}
