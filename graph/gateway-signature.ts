/**
 * The signed internal header by which the gateway hands a verified caller to a subgraph, and by which a
 * subgraph knows a request came through the gateway's checks (DESIGN.md, "Callers").
 *
 * `x-eg-caller: <payload>.<mac>`: the payload is base64url JSON (subject, client, scopes, districts,
 * request id, deadline, the caller's operation name and hash for the audit trail, issued-at), the mac an HMAC-SHA256 with a secret shared by the gateway and the
 * subgraphs over the payload and the request body, so a captured header cannot carry another query.
 * A signature is fresh for `maxAgeMs` after it was made (a little clock skew tolerated both ways).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isDistrictCode } from '../reference/districts.ts';
import { ConfigError, type Env, readOptional } from '../runtime/env.ts';
import { type Caller, type Scope, SCOPES } from './caller.ts';

export const GATEWAY_CALLER_HEADER = 'x-eg-caller';

/** Shortest secret accepted: 32 bytes of entropy written as text. */
const MIN_SIGNING_SECRET_LENGTH = 32;

/** What the gateway vouches for on one subgraph fetch. */
export interface SignedRequest {
  readonly caller: Caller;
  readonly requestId: string;
  /** Epoch milliseconds after which the work is of no use to the caller. */
  readonly deadline: number;
  /** The caller's operation (not the gateway's fetch): its name and the SHA-256 (hex) of its text, for audit records. */
  readonly operation?: OperationIdentity;
}

export interface OperationIdentity {
  readonly name: string | null;
  readonly hash: string | null;
}

export type Verification =
  ({ readonly ok: true; readonly issuedAt: number } & SignedRequest) | { readonly ok: false; readonly reason: string };

interface Payload {
  readonly v: 1;
  readonly sub: string;
  readonly cli: string | null;
  readonly scp: readonly string[];
  readonly dst: readonly string[] | null;
  readonly rid: string;
  readonly dl: number;
  readonly iat: number;
  /** Operation name and hash; absent from signers that do not know the operation (the readiness probe). */
  readonly opn?: string | null;
  readonly oph?: string | null;
}

const KNOWN_SCOPES = new Set<string>(SCOPES);

/** The payload half of the header; the gateway signs it with the body once the body is written. */
export function encodeCallerPayload(request: SignedRequest, issuedAt: number): string {
  const payload: Payload = {
    v: 1,
    sub: request.caller.subject,
    cli: request.caller.client ?? null,
    scp: [...request.caller.scopes],
    dst: request.caller.districts ?? null,
    rid: request.requestId,
    dl: request.deadline,
    iat: issuedAt,
    ...(request.operation ? { opn: request.operation.name, oph: request.operation.hash } : {}),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The whole header value: the payload and its MAC over payload and body. */
export function signCallerPayload(payload: string, body: string, secret: string): string {
  return `${payload}.${mac(payload, body, secret)}`;
}

/** A header value signed at `issuedAt`; the gateway's fetches and its readiness probe use this. */
export function signCallerHeader(request: SignedRequest, body: string, secret: string, issuedAt: number): string {
  return signCallerPayload(encodeCallerPayload(request, issuedAt), body, secret);
}

export function verifyCallerHeader(
  header: string | undefined,
  body: string,
  secret: string,
  now: number,
  maxAgeMs: number,
): Verification {
  if (!header) return refused('no gateway signature');
  const dot = header.indexOf('.');
  if (dot <= 0) return refused('malformed gateway signature');
  const payload = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(payload, body, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refused('bad gateway signature');
  const decoded = decode(payload);
  if (!decoded) return refused('malformed gateway signature');
  if (decoded.iat < now - maxAgeMs) return refused('gateway signature expired');
  if (decoded.iat > now + maxAgeMs) return refused('gateway signature issued in the future');
  return {
    ok: true,
    issuedAt: decoded.iat,
    requestId: decoded.rid,
    deadline: decoded.dl,
    operation: { name: decoded.opn ?? null, hash: decoded.oph ?? null },
    caller: {
      subject: decoded.sub,
      client: decoded.cli ?? undefined,
      scopes: new Set(decoded.scp as Scope[]),
      districts: decoded.dst ?? undefined,
    },
  };
}

function mac(payload: string, body: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).update('.').update(body).digest('base64url');
}

function refused(reason: string): Verification {
  return { ok: false, reason };
}

/** The payload when every field has its shape; signed payloads come from the gateway, so this only guards versions. */
function decode(text: string): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const p = value as Partial<Payload> | null;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((item) => typeof item === 'string');
  const valid =
    typeof p === 'object' &&
    p !== null &&
    p.v === 1 &&
    typeof p.sub === 'string' &&
    (p.cli === null || typeof p.cli === 'string') &&
    strings(p.scp) &&
    p.scp.every((s) => KNOWN_SCOPES.has(s)) &&
    (p.dst === null || (strings(p.dst) && p.dst.every(isDistrictCode))) &&
    typeof p.rid === 'string' &&
    Number.isFinite(p.dl) &&
    Number.isFinite(p.iat) &&
    (p.opn === undefined || p.opn === null || typeof p.opn === 'string') &&
    (p.oph === undefined || p.oph === null || typeof p.oph === 'string');
  return valid ? (p as Payload) : undefined;
}

/** GATEWAY_SIGNING_SECRET, read the same way by the gateway and every subgraph; undefined when unset. */
export function readSigningSecret(env: Env): string | undefined {
  const secret = readOptional(env, 'GATEWAY_SIGNING_SECRET');
  if (secret !== undefined && secret.length < MIN_SIGNING_SECRET_LENGTH)
    throw new ConfigError('GATEWAY_SIGNING_SECRET', `must be at least ${MIN_SIGNING_SECRET_LENGTH} characters long`);
  return secret;
}
