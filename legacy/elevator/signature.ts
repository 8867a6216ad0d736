/**
 * Request authentication as the platform checks it: app key, timestamp (epoch ms, ±5 min), nonce
 * (never twice within the window) and sign = hex HMAC-SHA256(appSecret, canonical string).
 * Canonical string: METHOD \n PATH \n sorted query (appKey, timestamp, nonce and every query
 * parameter except sign; key=value, RFC 3986 encoded, '&'-joined, by key) \n raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError, CODE } from './codes.ts';

const MAX_SKEW_MS = 5 * 60_000;

interface AuthParts {
  appKey: string;
  timestamp: string;
  nonce: string;
  sign: string;
}

const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalString(method: string, path: string, params: ReadonlyMap<string, string>, body: string): string {
  const query = [...params.entries()]
    .filter(([k]) => k !== 'sign')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  return `${method.toUpperCase()}\n${path}\n${query}\n${body}`;
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** Remembers nonces per app for the skew window, so a captured request cannot be sent again. */
class NonceWindow {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  /** Returns false when the nonce was already used within the window. */
  claim(appKey: string, nonce: string, now: number): boolean {
    if (now - this.lastSweep > MAX_SKEW_MS) this.sweep(now);
    const key = `${appKey}\u0000${nonce}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(key, now + 2 * MAX_SKEW_MS);
    return true;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, expires] of this.seen) if (expires <= now) this.seen.delete(key);
  }
}

export interface Authenticator {
  /** Throws ApiError with the platform's code; returns the app key on success. */
  verify(request: {
    method: string;
    path: string;
    params: Map<string, string>;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }): string;
}

export function createAuthenticator(
  apps: readonly { appKey: string; appSecret: string }[],
  now: () => number = Date.now,
): Authenticator {
  const secrets = new Map(apps.map((a) => [a.appKey, a.appSecret]));
  const nonces = new NonceWindow();
  return {
    verify({ method, path, params, headers, body }) {
      const auth = authParts(params, headers);
      const secret = secrets.get(auth.appKey);
      if (secret === undefined) throw new ApiError(CODE.UNKNOWN_APP, 'appKey不存在');
      const ts = Number(auth.timestamp);
      const at = now();
      if (!/^\d{13}$/.test(auth.timestamp) || Math.abs(at - ts) > MAX_SKEW_MS)
        throw new ApiError(CODE.EXPIRED_TIMESTAMP, '时间戳无效或已过期');
      // The canonical string always carries the auth values, wherever the client sent them.
      const signed = new Map(params);
      signed.set('appKey', auth.appKey).set('timestamp', auth.timestamp).set('nonce', auth.nonce);
      const expected = Buffer.from(hmacHex(secret, canonicalString(method, path, signed, body)), 'hex');
      const given = Buffer.from(/^[0-9a-fA-F]{64}$/.test(auth.sign) ? auth.sign : '', 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new ApiError(CODE.BAD_SIGNATURE, '签名错误');
      // Claimed only after the signature holds, so forged requests cannot burn a client's nonces.
      if (!nonces.claim(auth.appKey, auth.nonce, at)) throw new ApiError(CODE.REPLAYED_NONCE, 'nonce重复');
      return auth.appKey;
    },
  };
}

function authParts(params: Map<string, string>, headers: Record<string, string | string[] | undefined>): AuthParts {
  const pick = (header: string, param: string): string => {
    const h = headers[header];
    return (Array.isArray(h) ? h[0] : h) ?? params.get(param) ?? '';
  };
  const parts = {
    appKey: pick('x-app-key', 'appKey'),
    timestamp: pick('x-timestamp', 'timestamp'),
    nonce: pick('x-nonce', 'nonce'),
    sign: pick('x-sign', 'sign'),
  };
  if (!parts.appKey || !parts.timestamp || !parts.nonce || !parts.sign)
    throw new ApiError(CODE.MISSING_AUTH, '缺少签名参数');
  if (parts.nonce.length > 64) throw new ApiError(CODE.MISSING_AUTH, 'nonce过长');
  return parts;
}
