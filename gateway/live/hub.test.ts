/**
 * The hub on its own, with a recorded resolver: one resolution per distinct selection and rights per
 * event, districts and kinds filtered before anything is resolved, the caps, a slow consumer cut off with
 * its buffer bounded, a duplicate event dropped, and shutdown completing every stream.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Caller, Scope } from '../../graph/caller.ts';
import type { LiveEvent } from '../../graph/live-events.ts';
import { createLogger } from '../../runtime/logger.ts';
import { Metrics } from '../../runtime/metrics.ts';
import { type DisconnectReason, LiveHub } from './hub.ts';
import { planSubscription } from './operation.ts';

const schema = Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema();
const ALARMS =
  'subscription($d: [ID!], $k: [ElevatorAlarmKind!]) { alarms(districts: $d, kinds: $k) { change alarm { id } } }';

const plan = (query: string, variables: Record<string, unknown> = {}) => {
  const planned = planSubscription(schema, parse(query), undefined, variables);
  if (!('field' in planned)) throw new Error(planned.map((e) => e.message).join('; '));
  return planned;
};
const caller = (subject: string, districts?: string[], scopes: Scope[] = ['equipment:read']): Caller => ({
  subject,
  client: undefined,
  scopes: new Set(scopes),
  districts,
});
let n = 0;
const alarm = (district: string, kind = 'ENTRAPMENT'): LiveEvent => ({
  type: 'alarm',
  id: `alarm:${++n}:RAISED`,
  alarmId: String(n),
  change: 'RAISED',
  kind,
  district,
  at: new Date().toISOString(),
  publishedAt: Date.now(),
});

function hub(limits = { bufferSize: 8, maxPerProcess: 100, maxPerCaller: 10 }) {
  const resolved: { query: string; subject: string }[] = [];
  const live = new LiveHub({
    resolve: async (query, variables, c) => {
      resolved.push({ query, subject: c.subject });
      return { data: { alarm: { id: variables.__liveKey } } };
    },
    limits,
    logger: createLogger({ level: 'silent', name: 'hub' }),
    metrics: new Metrics({ defaults: false }),
  });
  return { live, resolved };
}

const drain = async (stream: AsyncIterator<unknown>, count: number) => {
  const got: unknown[] = [];
  for (let i = 0; i < count; i++) got.push((await stream.next()).value);
  return got;
};

describe('the live hub', () => {
  it('resolves once per selection and rights, and gives each subscriber its own answer', async () => {
    const { live, resolved } = hub();
    const none = () => undefined;
    const city = [1, 2, 3].map((i) => live.open(caller(`a${i}`), `a${i}`, plan(ALARMS), none));
    const other = live.open(caller('b', undefined, ['equipment:read', 'credit:read']), 'b', plan(ALARMS), none);
    const district = live.open(caller('c', ['310104']), 'c', plan(ALARMS), none);
    await live.deliver(alarm('310101'));
    // Three alike, one with other scopes; the district caller's event is outside its district.
    expect(resolved).toHaveLength(2);
    for (const s of [...city, other])
      expect(await drain(s, 1)).toEqual([{ data: { alarms: { change: 'RAISED', alarm: { id: String(n) } } } }]);
    await live.deliver(alarm('310104'));
    expect(resolved).toHaveLength(5);
    expect(await drain(district, 1)).toHaveLength(1);
  });

  it('filters by kind, drops an event seen before, and refuses districts outside the caller', async () => {
    const { live, resolved } = hub();
    const faults = live.open(caller('a'), 'a', plan(ALARMS, { k: ['FAULT'] }), () => undefined);
    const event = alarm('310101', 'FAULT');
    await live.deliver(alarm('310101'));
    await live.deliver(event);
    await live.deliver(event);
    expect(resolved).toHaveLength(1);
    expect(await drain(faults, 1)).toHaveLength(1);
    expect(() => live.open(caller('d', ['310104']), 'd', plan(ALARMS, { d: ['310101'] }), () => undefined)).toThrow(
      /310104 only/,
    );
  });

  it("queues an alarm's events in the order published, whichever resolution comes back first; other alarms do not wait", async () => {
    const delays = [40, 0, 0];
    const live = new LiveHub({
      resolve: async (_query, variables) => {
        await new Promise((r) => setTimeout(r, delays.shift() ?? 0));
        return { data: { alarm: { id: variables.__liveKey } } };
      },
      limits: { bufferSize: 8, maxPerProcess: 100, maxPerCaller: 10 },
      logger: createLogger({ level: 'silent', name: 'hub' }),
      metrics: new Metrics({ defaults: false }),
    });
    const stream = live.open(caller('a'), 'a', plan(ALARMS), () => undefined);
    const raised = alarm('310101');
    const accepted = { ...raised, id: `${raised.id}:ACCEPTED`, change: 'ACCEPTED' } as LiveEvent;
    const other = alarm('310101');
    const delivered = Promise.all([live.deliver(raised), live.deliver(accepted), live.deliver(other)]);
    // The other alarm comes through while the first one's slow resolution is still pending.
    expect(await drain(stream, 1)).toEqual([{ data: { alarms: { change: 'RAISED', alarm: { id: String(n) } } } }]);
    await delivered;
    const got = (await drain(stream, 2)) as { data: { alarms: { change: string } } }[];
    expect(got.map((g) => g.data.alarms.change)).toEqual(['RAISED', 'ACCEPTED']);
  });

  it('caps subscriptions per caller and per process', () => {
    const { live } = hub({ bufferSize: 8, maxPerProcess: 3, maxPerCaller: 2 });
    const open = (key: string) => live.open(caller(key), key, plan(ALARMS), () => undefined);
    open('a');
    open('a');
    expect(() => open('a')).toThrow(/per caller/);
    open('b');
    expect(() => open('c')).toThrow(/at most 3/);
  });

  it('disconnects a consumer that stops reading, holding no more than its buffer', async () => {
    const { live } = hub({ bufferSize: 2, maxPerProcess: 10, maxPerCaller: 10 });
    const reasons: DisconnectReason[] = [];
    const stream = live.open(caller('slow'), 'slow', plan(ALARMS), (reason) => reasons.push(reason));
    for (let i = 0; i < 3; i++) await live.deliver(alarm('310101'));
    expect(reasons).toEqual(['slow']);
    expect(live.size).toBe(0);
    expect(await drain(stream, 3)).toEqual([expect.anything(), expect.anything(), undefined]);
  });

  it('completes every stream at shutdown, and ends those of a revoked caller', async () => {
    const { live } = hub();
    const reasons: DisconnectReason[] = [];
    const kept = live.open(caller('a'), 'a', plan(ALARMS), () => undefined);
    const revoked = live.open(caller('r'), 'r', plan(ALARMS), (reason) => reasons.push(reason));
    live.endWhere((key) => key === 'r', 'revoked');
    expect(reasons).toEqual(['revoked']);
    expect(await revoked.next()).toEqual({ value: undefined, done: true });
    const waiting = kept.next();
    live.completeAll();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(live.size).toBe(0);
  });
});
