/**
 * The platform's request signature, the one place it is computed: every request carries appKey,
 * timestamp (epoch ms), a fresh nonce and sign = hex HMAC-SHA256(appSecret, canonical string), where
 * the canonical string is METHOD \n PATH \n sorted query (auth values included, RFC 3986 encoded)
 * \n raw body.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface Credentials {
  readonly appKey: string;
  readonly appSecret: string;
}

const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalRequest(method: string, path: string, query: Readonly<Record<string, string>>, body: string): string {
  const sorted = Object.keys(query)
    .sort()
    .map((k) => `${encode(k)}=${encode(query[k] ?? '')}`)
    .join('&');
  return `${method}\n${path}\n${sorted}\n${body}`;
}

/**
 * Signing headers for one attempt. Called per attempt, never per logical call: a retried request
 * must carry a new nonce and timestamp or the platform rejects it as a replay.
 */
export function signRequest(
  credentials: Credentials,
  request: { method: 'GET' | 'POST'; path: string; query: Readonly<Record<string, string>>; body: string },
  now: number,
  nonce: string = randomUUID().replaceAll('-', ''),
): Record<string, string> {
  const timestamp = String(now);
  const canonical = canonicalRequest(
    request.method,
    request.path,
    { ...request.query, appKey: credentials.appKey, timestamp, nonce },
    request.body,
  );
  return {
    'x-app-key': credentials.appKey,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-sign': createHmac('sha256', credentials.appSecret).update(canonical, 'utf8').digest('hex'),
  };
}
