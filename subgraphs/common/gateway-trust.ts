/**
 * Subgraphs accept only the gateway: a request must carry the gateway's signed caller header
 * (graph/gateway-signature.ts), fresh and matching its body, or it is refused with HTTP 401 before
 * Apollo parses anything. Resolvers then read the caller the gateway verified, never a header.
 */
import { GraphQLError } from 'graphql';
import type http from 'node:http';
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import { GATEWAY_CALLER_HEADER, type OperationIdentity, verifyCallerHeader } from '../../graph/gateway-signature.ts';

export type GatewayTrust =
  | { readonly kind: 'signed'; readonly secret: string; readonly maxAgeMs: number }
  /**
   * SUBGRAPH_ACCEPT_UNSIGNED: for benchmark runs of other gateways over these subgraphs only. No header
   * is checked and every request is anonymous (read scopes, the whole city, personal data masked).
   */
  | { readonly kind: 'unchecked' };

/** What a subgraph knows of one admitted request. */
export interface Admitted {
  readonly caller: Caller;
  readonly requestId: string;
  /** Epoch milliseconds; undefined when the request was not signed (unchecked trust). */
  readonly deadline: number | undefined;
  /** The caller's operation as the gateway received it; undefined when the request was not signed. */
  readonly operation: OperationIdentity | undefined;
}

/** The admitted request, or a GraphQLError that Apollo answers with HTTP 401. */
export function admitRequest(
  trust: GatewayTrust,
  req: http.IncomingMessage,
  body: string,
  requestId: string,
  now: number,
): Admitted {
  if (trust.kind === 'unchecked') return { caller: ANONYMOUS, requestId, deadline: undefined, operation: undefined };
  const header = req.headers[GATEWAY_CALLER_HEADER];
  const verified = verifyCallerHeader(
    Array.isArray(header) ? header[0] : header,
    body,
    trust.secret,
    now,
    trust.maxAgeMs,
  );
  if (!verified.ok) {
    throw new GraphQLError(`Subgraphs answer the gateway only (${verified.reason})`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return {
    caller: verified.caller,
    requestId: verified.requestId,
    deadline: verified.deadline,
    operation: verified.operation,
  };
}
