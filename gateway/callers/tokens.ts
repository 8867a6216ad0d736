/**
 * Bearer tokens of people and dashboards, verified with jose: signature (HS256 with a shared secret, or
 * RS256/ES256 with a PEM public key or a local JWKS file), issuer, audience, exp and nbf with a small
 * clock tolerance; `exp` is required. The claims named in configuration give the caller's subject,
 * scopes (unknown ones are ignored: an identity provider grants others too) and districts (an unknown
 * district code refuses the token rather than widening or narrowing it silently).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { type Caller, type Scope, SCOPES } from '../../graph/caller.ts';
import { isDistrictCode } from '../../reference/districts.ts';
import type { JwtConfig } from './config.ts';
import { ensureDevSecret } from './dev-token.ts';
import { unauthenticated } from './refusals.ts';

export type TokenVerifier = (token: string) => Promise<Caller>;

type VerificationKey = Parameters<typeof jwtVerify>[1];

export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const { key, algorithms } = loadKey(config.key);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await key, {
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds,
        algorithms,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw unauthenticated(`Bearer token refused: ${reason(error)}`);
    }
    return callerFromClaims(payload, config.claims);
  };
}

function loadKey(source: JwtConfig['key']): { key: VerificationKey | Promise<VerificationKey>; algorithms: string[] } {
  switch (source.kind) {
    case 'secret':
      return { key: hmacKey(source.secret), algorithms: ['HS256'] };
    case 'dev':
      return { key: hmacKey(ensureDevSecret(source.path)), algorithms: ['HS256'] };
    case 'pem': {
      const key = readConfigured(source.path, 'GATEWAY_JWT_PUBLIC_KEY_FILE', (text) => createPublicKey(text));
      return { key, algorithms: [algorithmOf(key)] };
    }
    case 'jwks': {
      const set = readConfigured(source.path, 'GATEWAY_JWT_JWKS_FILE', (text) => createLocalJWKSet(JSON.parse(text)));
      return { key: set, algorithms: ['RS256', 'ES256'] };
    }
  }
}

/** A shared secret imported once: jose would import raw bytes again on every token (about 4× the cost). */
function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

function readConfigured<T>(path: string, variable: string, read: (text: string) => T): T {
  try {
    return read(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${variable}: cannot read a key from ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function algorithmOf(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(
    `GATEWAY_JWT_PUBLIC_KEY_FILE: an RSA (RS256) or P-256 (ES256) public key is needed, got ${key.asymmetricKeyType}`,
  );
}

/** Why a token failed, in words safe to show its bearer. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return 'signature not valid';
  return 'not a valid token';
}

const KNOWN_SCOPES = new Set<string>(SCOPES);

function callerFromClaims(payload: JWTPayload, claims: JwtConfig['claims']): Caller {
  const subject = payload[claims.subject];
  if (typeof subject !== 'string' || subject === '')
    throw unauthenticated(`Bearer token refused: claim ${claims.subject} (the subject) is missing`);
  const scopes = listClaim(payload[claims.scopes]) ?? [];
  const districts = listClaim(payload[claims.districts]);
  const unknown = districts?.find((code) => !isDistrictCode(code));
  if (unknown !== undefined)
    throw unauthenticated(`Bearer token refused: claim ${claims.districts} names ${unknown}, not a district code`);
  return {
    subject: subject.slice(0, 200),
    client: undefined,
    scopes: new Set(scopes.filter((s): s is Scope => KNOWN_SCOPES.has(s))),
    districts: districts === undefined ? undefined : [...new Set(districts)],
  };
}

/** A claim given as a list or as one space- or comma-separated string; undefined when absent. */
function listClaim(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item !== '');
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}
