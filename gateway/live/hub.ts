/**
 * The live subscriptions of one gateway process and the events they receive. Each event from the bus
 * goes to the subscriptions it matches (its field, the subscriber's districts, the kinds asked); those
 * are grouped by what answering them takes (the resolving query, its variables, the subscriber's rights)
 * and each group is resolved once through the gateway's executor, however many subscribers it holds.
 * An event's id is remembered for a while, so one published twice (two publishers of one feed) is
 * delivered once.
 */
import { type ExecutionResult, GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Caller } from '../../graph/caller.ts';
import type { LiveEvent } from '../../graph/live-events.ts';
import { currentDistrict } from '../../reference/districts.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import { KEY_VARIABLE, LIVE_FIELDS, type LivePlan } from './operation.ts';
import { LiveStream } from './stream.ts';

/** Runs a resolving query for one event as the caller (the gateway's executor, scopes applied). */
export type ResolveEvent = (
  query: string,
  variables: Readonly<Record<string, unknown>>,
  caller: Caller,
) => Promise<ExecutionResult>;

/** Why the hub ends a subscriber's connection. */
export type DisconnectReason = 'slow' | 'revoked' | 'shutdown';

export interface LiveLimits {
  /** Answers buffered per subscription before its consumer counts as slow and is disconnected. */
  readonly bufferSize: number;
  readonly maxPerProcess: number;
  /** Per caller (a token's subject, a key's client, an anonymous address). */
  readonly maxPerCaller: number;
}

interface Subscriber {
  readonly caller: Caller;
  readonly callerKey: string;
  readonly plan: LivePlan;
  /** Districts whose events it gets; undefined: every district. */
  readonly districts: ReadonlySet<string> | undefined;
  readonly kinds: ReadonlySet<string> | undefined;
  readonly stream: LiveStream;
  readonly disconnect: (reason: DisconnectReason) => void;
}

export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  /**
   * Per alarm (or district, for figures), its last event's answers being queued (deliver): the next event of
   * the same subject is queued after them. Events of other subjects never wait on it, so an alarm whose
   * resolution waits on a dead system holds back only its own later steps.
   */
  private readonly queued = new Map<string, Promise<void>>();
  private readonly perCaller = new Map<string, number>();
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });
  private readonly counters;

  constructor(
    private readonly options: {
      readonly resolve: ResolveEvent;
      readonly limits: LiveLimits;
      readonly logger: Logger;
      readonly metrics: Metrics;
    },
  ) {
    const m = options.metrics;
    this.counters = {
      events: m.counter('equipment_graph_live_events_total', 'Live events received from the bus, by type.', ['type']),
      resolutions: m.counter(
        'equipment_graph_live_resolutions_total',
        'Queries run to resolve live events (one per distinct selection and rights per event).',
      ),
      deliveries: m.counter('equipment_graph_live_deliveries_total', 'Live answers handed to subscribers.'),
      disconnected: m.counter(
        'equipment_graph_live_disconnected_total',
        'Live subscribers the gateway disconnected, by reason (slow, revoked, shutdown).',
        ['reason'],
      ),
    };
    const size = m.gauge('equipment_graph_live_subscriptions', 'Live subscriptions open in this process.');
    m.include(async () => {
      size.set(this.subscribers.size);
      return [];
    });
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Opens a subscription; throws FORBIDDEN for districts outside the caller's, OVERLOADED over a limit.
   * `disconnect` ends the subscriber's connection (a slow consumer, a revoked credential).
   */
  open(caller: Caller, callerKey: string, plan: LivePlan, disconnect: (reason: DisconnectReason) => void): LiveStream {
    const districts = this.districtsFor(caller, plan);
    const { limits } = this.options;
    if (this.subscribers.size >= limits.maxPerProcess)
      throw overloaded(`This gateway serves at most ${limits.maxPerProcess} subscriptions`, 'subscriptionsPerProcess');
    const held = this.perCaller.get(callerKey) ?? 0;
    if (held >= limits.maxPerCaller)
      throw overloaded(`At most ${limits.maxPerCaller} subscriptions per caller`, 'subscriptionsPerCaller');
    this.perCaller.set(callerKey, held + 1);
    const subscriber: Subscriber = {
      caller,
      callerKey,
      plan,
      districts,
      kinds: plan.kinds && new Set(plan.kinds),
      disconnect,
      stream: new LiveStream(limits.bufferSize, () => this.remove(subscriber)),
    };
    this.subscribers.add(subscriber);
    return subscriber.stream;
  }

  /** Delivers one event to every matching subscriber; resolves once its answers are queued. */
  async deliver(event: LiveEvent): Promise<void> {
    if (this.seen.has(event.id)) return;
    this.seen.set(event.id, true);
    this.counters.events.inc({ type: event.type });
    const groups = new Map<string, Subscriber[]>();
    for (const s of this.subscribers) {
      if (!this.matches(s, event)) continue;
      const key = groupKey(s);
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    const resolving = Promise.all(
      [...groups.values()].map(async (group) => ({ group, resolved: await this.resolve(group[0]!, event) })),
    );
    // Resolved side by side, queued in the order published per subject: an alarm's steps recorded at once
    // (accepted, then arrived) reach a subscriber in that order, whichever resolution came back first.
    const subject = event.type === 'alarm' ? `alarm:${event.alarmId}` : `figures:${event.district}`;
    const previous = this.queued.get(subject);
    const queued = (async () => {
      const results = await resolving;
      await previous;
      for (const { group, resolved } of results)
        for (const s of group) {
          if (s.stream.isEnded) continue;
          if (s.stream.push(answer(s.plan, event, resolved))) this.counters.deliveries.inc();
          else this.end(s, 'slow');
        }
    })();
    const settled = queued.catch(() => undefined);
    this.queued.set(subject, settled);
    void settled.then(() => {
      if (this.queued.get(subject) === settled) this.queued.delete(subject);
    });
    await queued;
  }

  /** Ends the subscriptions of callers that no longer pass (a revoked key, an expired token). */
  endWhere(predicate: (callerKey: string) => boolean, reason: DisconnectReason): void {
    for (const s of this.subscribers) if (predicate(s.callerKey)) this.end(s, reason);
  }

  /** The callers holding subscriptions, for re-checking their credentials. */
  callerKeys(): ReadonlySet<string> {
    return new Set(this.perCaller.keys());
  }

  /** Completes every subscription (clean shutdown): each stream ends after what it has buffered. */
  completeAll(): void {
    for (const s of this.subscribers) {
      this.counters.disconnected.inc({ reason: 'shutdown' });
      s.stream.end();
    }
  }

  private end(s: Subscriber, reason: DisconnectReason): void {
    this.counters.disconnected.inc({ reason });
    s.stream.end();
    s.disconnect(reason);
  }

  private remove(s: Subscriber): void {
    if (!this.subscribers.delete(s)) return;
    const held = (this.perCaller.get(s.callerKey) ?? 1) - 1;
    if (held > 0) this.perCaller.set(s.callerKey, held);
    else this.perCaller.delete(s.callerKey);
  }

  private districtsFor(caller: Caller, plan: LivePlan): ReadonlySet<string> | undefined {
    const asked = plan.districts?.map((code) => {
      const district = currentDistrict(code);
      if (!district)
        throw new GraphQLError(`Not a Shanghai district code: ${code}`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'districts' },
        });
      return district.code;
    });
    const allowed = caller.districts;
    if (!allowed) return asked && new Set(asked);
    const outside = asked?.filter((code) => !allowed.includes(code)) ?? [];
    if (outside.length > 0)
      throw new GraphQLError(`This caller may follow districts ${allowed.join(', ')} only, not ${outside.join(', ')}`, {
        extensions: { code: 'FORBIDDEN' },
      });
    return new Set(asked ?? allowed);
  }

  private matches(s: Subscriber, event: LiveEvent): boolean {
    if (LIVE_FIELDS[s.plan.field].event !== event.type) return false;
    if (s.districts && !s.districts.has(event.district)) return false;
    return event.type !== 'alarm' || !s.kinds || s.kinds.has(event.kind);
  }

  private async resolve(s: Subscriber, event: LiveEvent): Promise<ExecutionResult | undefined> {
    if (!s.plan.query) return undefined;
    const key = event.type === 'alarm' ? event.alarmId : event.district;
    this.counters.resolutions.inc();
    try {
      return await this.options.resolve(s.plan.query, { ...s.plan.variables, [KEY_VARIABLE]: key }, s.caller);
    } catch (error) {
      this.options.logger.warn({ err: error, event: event.id }, 'a live event could not be resolved');
      return {
        errors: [
          new GraphQLError('The event could not be resolved', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
        ],
      };
    }
  }
}

/** Subscribers answered by one resolution: same query, same variables, same rights. */
function groupKey(s: Subscriber): string {
  const { caller } = s;
  // Personal-data reads are audited per person: such a caller's resolution is never shared.
  const who = caller.scopes.has('personal-data:read') ? caller.subject : '';
  const rights = [[...caller.scopes].sort().join(','), caller.districts?.join(',') ?? '*', who].join('|');
  return `${s.plan.query ?? ''}\0${JSON.stringify(s.plan.variables)}\0${rights}`;
}

/** The subscriber's answer: the event's own fields, and the resolved field from the query's answer. */
function answer(plan: LivePlan, event: LiveEvent, resolved: ExecutionResult | undefined): ExecutionResult {
  const own: Record<string, unknown> = {
    ...event,
    __typename: LIVE_FIELDS[plan.field].typename,
  };
  const data = resolved?.data as Record<string, unknown> | null | undefined;
  const value: Record<string, unknown> = {};
  for (const f of plan.fields)
    value[f.responseKey] = f.resolved ? (data?.[f.responseKey] ?? null) : (own[f.fieldName] ?? null);
  const errors = resolved?.errors?.map(
    (e) => new GraphQLError(e.message, { path: [plan.rootKey, ...(e.path ?? [])], extensions: e.extensions }),
  );
  return {
    data: { [plan.rootKey]: value },
    ...(errors?.length ? { errors } : {}),
    ...(resolved?.extensions ? { extensions: resolved.extensions } : {}),
  };
}

function overloaded(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OVERLOADED', limit } });
}
