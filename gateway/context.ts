/**
 * What the gateway knows of one request, made before Apollo parses anything: who is asking (resolved
 * once, gateway/callers/identify.ts) and whether they are within their rate. A request refused here
 * gets its status (401, 429) and its one log line and count at once.
 */
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { Caller } from '../graph/caller.ts';
import type { Logger } from '../runtime/logger.ts';
import type { CallerKind, Identify, Identity } from './callers/identify.ts';
import type { Rate, RateLimiter } from './callers/rate-limit.ts';
import { rateLimited } from './callers/refusals.ts';

export interface GatewayContext {
  readonly requestId: string;
  /** Which dashboard or bureau is asking, for logs: the API key's client, else the declared name. */
  readonly client: string;
  readonly caller: Caller;
  readonly callerKind: CallerKind;
  /** Epoch milliseconds after which the subgraphs' work is of no use (forwarded, signed). */
  readonly deadline: number;
  /** Operation hashes a safelisted client may run; undefined: any. */
  readonly safelist: ReadonlySet<string> | undefined;
}

/** The bounded `client` label of metrics: a registered client's name, else what kind of caller it is. */
export function clientLabel(context: Pick<GatewayContext, 'caller' | 'callerKind'>): string {
  return context.caller.client ?? context.callerKind;
}

export interface ContextOptions {
  readonly identify: Identify;
  readonly limiter: RateLimiter;
  readonly defaultRate: Rate;
  /** How long the subgraphs may work on a request. */
  readonly budgetMs: number;
  readonly logger: Logger;
  /** Counts a request refused before execution, by metric label. */
  readonly onRefused: (client: string, seconds: number) => void;
}

export function gatewayContext(
  options: ContextOptions,
): (req: http.IncomingMessage, requestId: string) => Promise<GatewayContext> {
  return async (req, requestId) => {
    const started = performance.now();
    const declared = declaredClient(req);
    const refuse = (error: GraphQLError, client: string, label: string): GraphQLError => {
      const seconds = (performance.now() - started) / 1000;
      options.logger.info(
        {
          requestId,
          operationName: null,
          client,
          durationMs: Math.round(seconds * 10_000) / 10,
          outcome: 'refused',
          errorCodes: [error.extensions.code],
          status: (error.extensions.http as { status?: number } | undefined)?.status ?? 500,
        },
        'graphql request',
      );
      options.onRefused(label, seconds);
      return error;
    };
    let identity: Identity;
    try {
      identity = await options.identify(req);
    } catch (error) {
      // Identification refuses with UNAUTHENTICATED; anything else is a fault, masked by Apollo as a 500.
      if (!(error instanceof GraphQLError)) throw error;
      throw refuse(error, declared, 'unidentified');
    }
    const context: GatewayContext = {
      requestId,
      client: identity.caller.client ?? declared,
      caller: identity.caller,
      callerKind: identity.kind,
      deadline: Date.now() + options.budgetMs,
      safelist: identity.safelist,
    };
    const admission = await options.limiter.take(identity.rateKey, identity.rate ?? options.defaultRate);
    if (!admission.allowed) {
      const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
      throw refuse(rateLimited(context.client, seconds), context.client, clientLabel(context));
    }
    return context;
  };
}

/** apollographql-client-name, else the user agent: what a caller says it is (never a credential). */
function declaredClient(req: http.IncomingMessage): string {
  const name = req.headers['apollographql-client-name'];
  return ((Array.isArray(name) ? name[0] : name) ?? req.headers['user-agent'] ?? 'unknown').slice(0, 100);
}
