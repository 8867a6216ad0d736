/**
 * WS-Security UsernameToken (OASIS WSS 1.1 UsernameToken Profile) as the permit service asks it of the
 * one operation that looks people up by ID number (CxZyryzByZjhm): a PasswordDigest,
 * Base64(SHA-1(nonce + created + password)), a Created time within five minutes, and a nonce not seen
 * within that window. Other operations answer without it, as the real service's public ones do.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { CWDM, SOAP_ENV_NS } from './codes.ts';
import { SoapFault } from './operations.ts';
import type { XmlElement } from './xml.ts';

const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';

export interface PermitAccount {
  readonly username: string;
  readonly password: string;
}

const WINDOW_MS = 5 * 60_000;

const refused = (why: string) => new SoapFault('Client', `安全认证失败: ${why}`, CWDM.UNAUTHORIZED);

const child = (element: XmlElement | undefined, ns: string, local: string) =>
  element?.children.find((c) => c.ns === ns && c.local === local);

/** Checks the envelope's UsernameToken; `seen` holds recent nonces (pruned here) against replays. */
export function checkUsernameToken(
  envelope: XmlElement,
  accounts: readonly PermitAccount[],
  seen: Map<string, number>,
  now: number,
): void {
  const token = child(child(child(envelope, SOAP_ENV_NS, 'Header'), WSSE_NS, 'Security'), WSSE_NS, 'UsernameToken');
  if (!token) throw refused('缺少UsernameToken');
  const username = child(token, WSSE_NS, 'Username')?.text;
  const password = child(token, WSSE_NS, 'Password')?.text;
  const nonce = child(token, WSSE_NS, 'Nonce')?.text;
  const created = child(token, WSU_NS, 'Created')?.text;
  if (!username || !password || !nonce || !created) throw refused('UsernameToken不完整');
  const at = Date.parse(created);
  if (!Number.isFinite(at) || Math.abs(now - at) > WINDOW_MS) throw refused('Created超出有效时间');
  for (const [old, when] of seen) if (now - when > WINDOW_MS) seen.delete(old);
  if (seen.has(nonce)) throw refused('Nonce重复');
  const account = accounts.find((a) => a.username === username);
  const expected = account
    ? createHash('sha1').update(Buffer.from(nonce, 'base64')).update(created).update(account.password).digest()
    : undefined;
  const given = Buffer.from(password, 'base64');
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw refused('用户名或口令错误');
  seen.set(nonce, now);
}
