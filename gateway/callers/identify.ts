/**
 * Who is asking, resolved once per request: a bearer token (people, dashboards), an API key (partner
 * bureaus' systems, `x-api-key`), or nobody (anonymous, where allowed). Anything presented and not
 * valid is refused with UNAUTHENTICATED (HTTP 401): a bad credential never falls back to anonymous.
 */
import type http from 'node:http';
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import type { ClientRegistry } from './client-registry.ts';
import type { Rate } from './rate-limit.ts';
import { unauthenticated } from './refusals.ts';
import type { TokenVerifier } from './tokens.ts';

export type CallerKind = 'key' | 'token' | 'anonymous';

export interface Identity {
  readonly caller: Caller;
  readonly kind: CallerKind;
  /** Whose bucket the request draws on: the client, the token's subject, or the anonymous address. */
  readonly rateKey: string;
  /** The client record's own rate; undefined: the default. */
  readonly rate: Rate | undefined;
  /** Operation hashes a safelisted client may run; undefined: any. */
  readonly safelist: ReadonlySet<string> | undefined;
}

export interface IdentifyOptions {
  /** Undefined: no token issuer is trusted, bearer tokens are refused. */
  readonly tokens: TokenVerifier | undefined;
  readonly clients: ClientRegistry;
  readonly anonymous: boolean;
}

/** What identification reads of a request: its headers and its peer's address (a live connection's too). */
export interface CredentialSource {
  readonly headers: http.IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

export type Identify = (req: CredentialSource) => Promise<Identity>;

export function createIdentify(options: IdentifyOptions): Identify {
  return async (req) => {
    const authorization = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (authorization !== undefined && apiKey !== undefined)
      throw unauthenticated('Send one credential: a bearer token or an API key, not both');
    if (typeof apiKey === 'string') {
      const record = options.clients.lookup(apiKey.trim());
      if (!record) throw unauthenticated('API key not valid (unknown or revoked)');
      return {
        caller: {
          subject: `client:${record.name}`,
          client: record.name,
          scopes: new Set(record.scopes),
          districts: record.districts,
        },
        kind: 'key',
        rateKey: `client:${record.name}`,
        rate: record.rate,
        safelist: record.safelist === undefined ? undefined : new Set(record.safelist),
      };
    }
    if (apiKey !== undefined) throw unauthenticated('Send one x-api-key header');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
      if (!options.tokens) throw unauthenticated('Bearer tokens are not accepted here: no token issuer is configured');
      const caller = await options.tokens(match[1]!);
      return { caller, kind: 'token', rateKey: `subject:${caller.subject}`, rate: undefined, safelist: undefined };
    }
    if (!options.anonymous)
      throw unauthenticated(
        'This gateway serves authenticated callers only: send a bearer token or an API key (docs/graph-guide.md, "Callers")',
      );
    return {
      caller: ANONYMOUS,
      kind: 'anonymous',
      rateKey: `anonymous:${req.socket.remoteAddress ?? 'unknown'}`,
      rate: undefined,
      safelist: undefined,
    };
  };
}
