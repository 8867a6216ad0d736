/**
 * The embedded start's development tokens: an HS256 secret kept in the data folder (made on first use,
 * readable by its owner only) and the tokens `npm run token` signs with it, so a person can try every
 * role from the explorer and curl. The issuer is the embedded start's own, so no production gateway
 * (which names its identity provider's issuer) accepts them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT } from 'jose';
import type { Scope } from '../../graph/caller.ts';
import type { JwtConfig } from './config.ts';

/** The secret at `path`, made there first when missing (two processes racing keep the first one's). */
export function ensureDevSecret(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}

export interface TokenRequest {
  readonly subject: string;
  readonly scopes: readonly Scope[];
  /** Undefined: the whole city. */
  readonly districts: readonly string[] | undefined;
  readonly ttlSeconds: number;
}

/** A token the gateway configured by `config` accepts: the development key, or a configured HS256 secret. */
export async function issueToken(request: TokenRequest, config: JwtConfig): Promise<string> {
  const secret =
    config.key.kind === 'dev'
      ? ensureDevSecret(config.key.path)
      : config.key.kind === 'secret'
        ? config.key.secret
        : '';
  if (secret === '')
    throw new Error('Tokens for a public key (PEM or JWKS) are issued by your identity provider, not by this command');
  const claims: Record<string, unknown> = { [config.claims.scopes]: request.scopes.join(' ') };
  if (request.districts !== undefined) claims[config.claims.districts] = [...request.districts];
  return new SignJWT({ ...claims, [config.claims.subject]: request.subject })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
