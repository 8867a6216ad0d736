/**
 * The parts of caller resolution on their own: token verification with each kind of key, the
 * development token, the client stores (a file, and PostgreSQL in a schema of the test's own) and the
 * in-process token bucket.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_SCOPES } from '../../graph/caller.ts';
import { postgresReachable } from '../../test/support/postgres.ts';
import { fileClientStore } from './client-file-store.ts';
import { postgresClientStore } from './client-pg-store.ts';
import { type ClientRecord, type ClientStore, hashApiKey, newApiKey, recordProblems } from './clients.ts';
import { type JwtConfig, readCallersConfig, readJwtConfig } from './config.ts';
import { issueToken } from './dev-token.ts';
import { createLogger } from '../../runtime/logger.ts';
import { memoryRateLimiter } from './rate-limit.ts';
import { redisRateLimiter } from './redis-rate-limit.ts';
import { createTokenVerifier } from './tokens.ts';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await postgresReachable(SERVER);
const dir = mkdtempSync(join(tmpdir(), 'eg-callers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLAIMS = { subject: 'sub', scopes: 'scope', districts: 'districts' };
const config = (key: JwtConfig['key']): JwtConfig => ({
  key,
  issuer: 'https://id.example',
  audience: 'equipment-graph',
  clockToleranceSeconds: 30,
  claims: CLAIMS,
});
const jwt = (claims: Record<string, unknown> = {}) =>
  new SignJWT({ scope: 'equipment:read credit:read openid', ...claims })
    .setSubject('dashboard-xuhui')
    .setIssuer('https://id.example')
    .setAudience('equipment-graph')
    .setExpirationTime('5m');

describe('bearer tokens', () => {
  it('verifies RS256 with a PEM public key and ES256 with a local JWKS, keeping known scopes only', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const pem = join(dir, 'rsa.pem');
    writeFileSync(pem, await exportSPKI(rsa.publicKey));
    const fromPem = createTokenVerifier(config({ kind: 'pem', path: pem }));
    const caller = await fromPem(
      await jwt({ districts: ['310104'] })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(rsa.privateKey),
    );
    expect(caller).toEqual({
      subject: 'dashboard-xuhui',
      client: undefined,
      scopes: new Set(['equipment:read', 'credit:read']),
      districts: ['310104'],
    });

    const ec = await generateKeyPair('ES256', { extractable: true });
    const jwks = join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(ec.publicKey)), kid: 'k1', alg: 'ES256' }] }));
    const fromJwks = createTokenVerifier(config({ kind: 'jwks', path: jwks }));
    const token = await jwt().setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(ec.privateKey);
    expect((await fromJwks(token)).districts).toBeUndefined();
    // A token signed by another key, or with the RSA key the JWKS does not hold, is refused.
    await expect(fromPem(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(
      fromJwks(await jwt().setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(rsa.privateKey)),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses tokens without exp or subject, and an HS256 token where a public key is configured', async () => {
    const secret = 'a-shared-secret-of-thirty-two-characters!';
    const hs = createTokenVerifier(config({ kind: 'secret', secret }));
    const key = new TextEncoder().encode(secret);
    const noExp = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://id.example')
      .setAudience('equipment-graph')
      .sign(key);
    await expect(hs(noExp)).rejects.toThrow(/claim exp|not a valid token/);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://id.example')
      .setAudience('equipment-graph')
      .setExpirationTime('5m')
      .sign(key);
    await expect(hs(noSub)).rejects.toThrow('claim sub (the subject) is missing');
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const pem = join(dir, 'rsa2.pem');
    writeFileSync(pem, await exportSPKI(rsa.publicKey));
    await expect(
      createTokenVerifier(config({ kind: 'pem', path: pem }))(
        await jwt().setProtectedHeader({ alg: 'HS256' }).sign(key),
      ),
    ).rejects.toThrow('signing algorithm not accepted');
  });

  it('issues development tokens the embedded profile accepts, keeping its key readable by its owner only', async () => {
    const embedded = readJwtConfig({ DATA_DIR: dir }, true)!;
    expect(embedded.key).toEqual({ kind: 'dev', path: join(dir, 'dev-token-secret') });
    const token = await issueToken(
      { subject: 'li', scopes: ['audit:read'], districts: ['310115'], ttlSeconds: 60 },
      embedded,
    );
    expect(statSync(join(dir, 'dev-token-secret')).mode & 0o777).toBe(0o600);
    expect(await createTokenVerifier(embedded)(token)).toMatchObject({ subject: 'li', districts: ['310115'] });
    // The standalone profile trusts no development key.
    expect(readJwtConfig({ DATA_DIR: dir }, false)).toBeUndefined();
  });

  it('reads its configuration naming the bad variable', () => {
    expect(() => readCallersConfig({}, 'standalone')).toThrow('GATEWAY_SIGNING_SECRET is required');
    expect(() => readCallersConfig({ GATEWAY_SIGNING_SECRET: 'short' }, 'standalone')).toThrow('at least 32');
    const secret = { GATEWAY_SIGNING_SECRET: 'x'.repeat(32) };
    expect(readCallersConfig(secret, 'standalone').anonymous).toBe(false);
    expect(readCallersConfig({}, 'embedded')).toMatchObject({
      anonymous: true,
      clients: { kind: 'file', path: 'data/clients.json' },
    });
    expect(() => readCallersConfig({ ...secret, GATEWAY_JWT_SECRET: 'y'.repeat(32) }, 'standalone')).toThrow(
      'GATEWAY_JWT_ISSUER',
    );
    expect(() =>
      readCallersConfig(
        { ...secret, GATEWAY_JWT_SECRET: 'y'.repeat(32), GATEWAY_JWT_JWKS_FILE: 'k.json' },
        'standalone',
      ),
    ).toThrow('only one source');
    expect(() => readCallersConfig({ ...secret, REDIS_URL: 'http://redis' }, 'standalone')).toThrow('REDIS_URL');
  });
});

const record = (name: string, fields: Partial<ClientRecord> = {}): ClientRecord => ({
  name,
  keyHash: hashApiKey(newApiKey()),
  scopes: [...READ_SCOPES],
  districts: ['310104'],
  safelist: undefined,
  rate: { perSecond: 5, burst: 10 },
  createdAt: '2026-11-01T00:00:00.000Z',
  revokedAt: undefined,
  ...fields,
});

async function storeBehaviour(store: ClientStore) {
  await store.add(record('xuhui-bureau'));
  await expect(store.add(record('xuhui-bureau'))).rejects.toThrow('already has an active key');
  expect(await store.revoke('xuhui-bureau', '2026-11-02T00:00:00.000Z')).toBe(true);
  expect(await store.revoke('xuhui-bureau', '2026-11-02T00:00:00.000Z')).toBe(false);
  await store.add(record('xuhui-bureau', { safelist: ['a'.repeat(64)], rate: undefined, districts: undefined }));
  const listed = await store.list();
  expect(listed.map((c) => [c.name, c.revokedAt, c.safelist, c.rate, c.districts])).toEqual([
    ['xuhui-bureau', '2026-11-02T00:00:00.000Z', undefined, { perSecond: 5, burst: 10 }, ['310104']],
    ['xuhui-bureau', undefined, ['a'.repeat(64)], undefined, undefined],
  ]);
}

describe('client stores', () => {
  it('keeps records in a file readable by its owner only, with key hashes only', async () => {
    const path = join(dir, 'clients.json');
    await storeBehaviour(fileClientStore(path));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('checks a record before it is stored', () => {
    expect(recordProblems(record('Bad Name', { scopes: ['root' as never], districts: ['310108'] }))).toEqual([
      expect.stringContaining("name 'Bad Name'"),
      expect.stringContaining("scope 'root'"),
      expect.stringContaining("district '310108' is not a current district code"),
    ]);
  });

  it.skipIf(!reachable)('keeps records in PostgreSQL, one active key per client', async () => {
    const schema = `eg_clients_${process.pid}_${Date.now() % 100_000}`;
    const store = await postgresClientStore(SERVER, schema);
    try {
      await storeBehaviour(store);
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: SERVER });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    }
  });
});

describe('token buckets in Redis', () => {
  it('limit per process, at once, while Redis does not answer', async () => {
    const limiter = redisRateLimiter(
      'redis://127.0.0.1:1',
      'eg-test:',
      createLogger({ level: 'silent', name: 'test' }),
    );
    try {
      const started = performance.now();
      const takes = [];
      for (let i = 0; i < 3; i++) takes.push(await limiter.take('a', { perSecond: 1, burst: 2 }));
      expect(takes.map((t) => t.allowed)).toEqual([true, true, false]);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await limiter.stop();
    }
  });
});

describe('token buckets in the process', () => {
  it('lets a burst through, then one request per refill, and says when the next token comes', async () => {
    let now = 0;
    const limiter = memoryRateLimiter(() => now);
    const rate = { perSecond: 2, burst: 3 };
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await limiter.take('a', rate));
    expect(takes.map((t) => t.allowed)).toEqual([true, true, true, false]);
    expect(takes[3]).toEqual({ allowed: false, retryAfterMs: 500 });
    expect((await limiter.take('b', rate)).allowed).toBe(true);
    now = 500;
    expect((await limiter.take('a', rate)).allowed).toBe(true);
    expect((await limiter.take('a', rate)).allowed).toBe(false);
  });

  it('forgets idle callers once there are many', async () => {
    let now = 0;
    const limiter = memoryRateLimiter(() => now);
    for (let i = 0; i <= 10_001; i++) await limiter.take(`caller-${i}`, { perSecond: 10, burst: 10 });
    expect(limiter.size()).toBe(10_002);
    now = 2_000;
    await limiter.take('late', { perSecond: 10, burst: 10 });
    expect(limiter.size()).toBe(1);
  });
});
