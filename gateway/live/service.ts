/**
 * The live view of one gateway: events from the bus into the hub, subscriptions prepared the same way for
 * both transports (who is asking, by the same credentials as HTTP; the operation planned against the
 * published schema; the field's scope), and each subscriber's credential checked again every
 * `recheckMs`, so a revoked key's or an expired token's subscriptions end.
 */
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { badUserInput } from '../../graph/errors.ts';
import type { Caller } from '../../graph/caller.ts';
import { isLiveEvent } from '../../graph/live-events.ts';
import type { Bus } from '../../runtime/bus/bus.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import type { CredentialSource, Identify, Identity } from '../callers/identify.ts';
import type { ScopePolicy } from '../scopes/policy.ts';
import { type PersistedQueryManifest, operationHash } from '../callers/persisted-queries.ts';
import { notSafelisted } from '../callers/refusals.ts';
import type { LiveConfig } from './config.ts';
import { type DisconnectReason, LiveHub, type ResolveEvent } from './hub.ts';
import { type LivePlan, planSubscription } from './operation.ts';
import type { LiveStream } from './stream.ts';

interface SubscribeRequest {
  /** The operation's text; '' when it is sent as a registered operation's hash alone (extensions). */
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
  readonly extensions?: Readonly<Record<string, unknown>> | null;
}

interface PreparedSubscription {
  readonly identity: Identity;
  readonly plan: LivePlan;
  /** The operation as run: the text sent, or the registered one its hash names. */
  readonly document: DocumentNode;
}

export interface LiveService {
  /** Who is asking: the same identification as HTTP (throws UNAUTHENTICATED). */
  identify(credentials: CredentialSource): Promise<Identity>;
  /** Plans a subscription for a caller: the operation's errors, or what to open. */
  prepare(identity: Identity, request: SubscribeRequest): PreparedSubscription | readonly GraphQLError[];
  /** Opens it (throws FORBIDDEN or OVERLOADED); `credentials` are checked again until it ends. */
  open(
    prepared: PreparedSubscription,
    credentials: CredentialSource,
    disconnect: (reason: DisconnectReason) => void,
  ): LiveStream;
  readonly subscriptions: number;
  readonly config: LiveConfig;
  /** Completes every subscription and stops listening to the bus. */
  stop(): Promise<void>;
}

export function startLiveService(options: {
  readonly config: LiveConfig;
  readonly schema: () => GraphQLSchema | undefined;
  readonly identify: Identify;
  readonly policy: ScopePolicy;
  readonly resolve: ResolveEvent;
  /** The gateway's token limit: parsing a subscription stops at the first token over it, as for HTTP. */
  readonly maxTokens: number;
  /** The registered operations (docs/operations), runnable by hash alone as over HTTP. */
  readonly manifest: PersistedQueryManifest;
  readonly bus: Bus;
  readonly logger: Logger;
  readonly metrics: Metrics;
}): LiveService {
  const { config, logger, bus } = options;
  const registered = new Map(options.manifest.operations.map((o) => [o.id, o.body]));
  const hub = new LiveHub({
    resolve: options.resolve,
    limits: { bufferSize: config.bufferSize, maxPerProcess: config.maxPerProcess, maxPerCaller: config.maxPerCaller },
    logger,
    metrics: options.metrics,
  });
  const unsubscribe = bus.subscribe((message) => {
    if (!isLiveEvent(message)) return logger.warn('a message on the live bus is no event this gateway knows');
    hub.deliver(message).catch((error: unknown) => logger.error({ err: error }, 'live event not delivered'));
  });
  // The latest credentials of each caller holding subscriptions, to identify it again.
  const credentialsOf = new Map<string, CredentialSource>();
  const recheck = setInterval(() => {
    for (const key of [...credentialsOf.keys()]) {
      if (!hub.callerKeys().has(key)) {
        credentialsOf.delete(key);
        continue;
      }
      options.identify(credentialsOf.get(key)!).catch((error: unknown) => {
        if (!(error instanceof GraphQLError)) return logger.warn({ err: error }, 'live credential check failed');
        logger.info({ caller: key }, 'credential no longer valid: its live subscriptions end');
        credentialsOf.delete(key);
        hub.endWhere((k) => k === key, 'revoked');
      });
    }
  }, config.recheckMs);
  recheck.unref();

  return {
    config,
    get subscriptions() {
      return hub.size;
    },
    identify: (credentials) => options.identify(credentials),
    prepare(identity, request) {
      const query = operationText(request, registered);
      if (typeof query !== 'string') return [query];
      if (identity.safelist && !identity.safelist.has(operationHash(query)))
        return [notSafelisted(identity.caller.client ?? identity.caller.subject)];
      const schema = options.schema();
      if (!schema) return [new GraphQLError('The gateway is starting', { extensions: { code: 'OVERLOADED' } })];
      let document;
      try {
        document = parse(query, { maxTokens: options.maxTokens });
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('Not a GraphQL document')];
      }
      const plan = planSubscription(schema, document, request.operationName ?? undefined, request.variables ?? {});
      if (!('field' in plan)) return plan;
      const refused = refusedScope(options.policy, identity.caller, plan);
      return refused ? [refused] : { identity, plan, document };
    },
    open(prepared, credentials, disconnect) {
      const { identity, plan } = prepared;
      const stream = hub.open(identity.caller, identity.rateKey, plan, disconnect);
      credentialsOf.set(identity.rateKey, credentials);
      return stream;
    },
    async stop() {
      clearInterval(recheck);
      unsubscribe();
      hub.completeAll();
    },
  };
}

/**
 * The text of the operation asked for, as Apollo's persisted-query extension reads it over HTTP: the text
 * sent, else the registered operation whose hash `extensions.persistedQuery.sha256Hash` gives (the live
 * protocols require a query string: a hash alone is sent with `query: ""`). A hash with a text must be
 * the text's own.
 */
function operationText(request: SubscribeRequest, registered: ReadonlyMap<string, string>): string | GraphQLError {
  const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const hash = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
  if (hash === undefined) return request.query;
  if (request.query !== '')
    return operationHash(request.query) === hash
      ? request.query
      : badUserInput('extensions.persistedQuery.sha256Hash is not the hash of the query sent');
  return (
    registered.get(hash) ??
    new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })
  );
}

function refusedScope(policy: ScopePolicy, caller: Caller, plan: LivePlan): GraphQLError | undefined {
  const coordinate = `Subscription.${plan.field}`;
  const scope = policy.get(coordinate);
  if (scope === undefined || caller.scopes.has(scope)) return undefined;
  return new GraphQLError(`${coordinate} needs the scope ${scope}`, {
    extensions: { code: 'FORBIDDEN', scope, field: coordinate },
  });
}
