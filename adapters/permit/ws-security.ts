/**
 * The WS-Security header the permit service asks of its ID-number lookup: a UsernameToken with a
 * PasswordDigest, Base64(SHA-1(nonce + created + password)), a fresh random nonce and the time it was
 * made (OASIS WSS 1.1 UsernameToken Profile).
 */
import { createHash, randomBytes } from 'node:crypto';

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const TOKEN_PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

export interface PermitCredentials {
  readonly username: string;
  readonly password: string;
}

/** The `wsse:Security` element, to go in the envelope's Header. */
export function usernameTokenXml(credentials: PermitCredentials, escape: (v: string) => string, now: Date): string {
  const nonce = randomBytes(16);
  const created = now.toISOString();
  const digest = createHash('sha1').update(nonce).update(created).update(credentials.password).digest('base64');
  return (
    `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" soapenv:mustUnderstand="1"><wsse:UsernameToken>` +
    `<wsse:Username>${escape(credentials.username)}</wsse:Username>` +
    `<wsse:Password Type="${TOKEN_PROFILE}#PasswordDigest">${digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}
