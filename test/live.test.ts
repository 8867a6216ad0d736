/**
 * The live view end to end over the embedded stack at the test scale: an alarm raised on the platform
 * stand-in (by `npm run alarm`, or the same loopback control) reaches a WebSocket and an SSE subscriber
 * within the feed's poll interval plus one second, resolved across the four systems; a district's
 * subscriber never sees another district's alarm; a refused credential, a revoked key and an unknown
 * scope are handled; and two gateways on one Redis bus deliver each event once each.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileClientStore } from '../gateway/callers/client-file-store.ts';
import { hashApiKey, newApiKey } from '../gateway/callers/clients.ts';
import { CALLERS_DEFAULTS } from '../gateway/callers/config.ts';
import { readManifest } from '../gateway/callers/persisted-queries.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import { createLogger } from '../runtime/logger.ts';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TEST_SIGNING_SECRET } from './support/callers.ts';
import { raiseAlarm, subscribeOverSse, subscribeOverWebSocket, until } from './support/live.ts';
import { redisReachable, TEST_REDIS_URL } from './support/redis.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const run = promisify(execFile);
const POLL_MS = 500;
const redis = await redisReachable();

const ALARMS = /* GraphQL */ `
  subscription Alarms($districts: [ID!]) {
    alarms(districts: $districts) {
      id
      change
      kind
      district
      at
      alarm {
        id
        kind
        state
        raisedAt
        acceptedAt
        closedAt
        equipment {
          code
          address
          district {
            code
            name
          }
          userUnit {
            uscc
            name
            credit {
              riskClass
            }
          }
          elevator {
            registrationCode
            maintainer {
              uscc
              name
              licences(type: MAINTENANCE) {
                number
                status
              }
            }
          }
        }
      }
    }
  }
`;

interface Elevator {
  registrationCode: string;
  qrId: string;
  district: string;
}

async function elevators(url: string): Promise<Elevator[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ elevators(first: 50) { nodes { registrationCode qrId equipment { district { code } } } } }',
    }),
  });
  const body = (await response.json()) as any;
  return body.data.elevators.nodes.map((n: any) => ({
    registrationCode: n.registrationCode,
    qrId: n.qrId,
    district: n.equipment.district.code,
  }));
}

describe('live alarms', () => {
  let stack: TestStack;
  let inOne: Elevator;
  let inAnother: Elevator;

  beforeAll(async () => {
    stack = await startTestStack('test', [], {
      ELEVATOR_ALARM_POLL_MS: String(POLL_MS),
      GATEWAY_CLIENTS_REFRESH_MS: '100',
      GATEWAY_LIVE_RECHECK_MS: '200',
      GATEWAY_LIVE_IDLE_MS: '1000',
    });
    const all = await elevators(stack.gateway.url);
    inOne = all[0]!;
    inAnother = all.find((e) => e.district !== inOne.district)!;
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('reaches a WebSocket and an SSE subscriber within the poll interval plus 1 s, resolved across the four systems', async () => {
    const ws = subscribeOverWebSocket(stack.gateway.url, ALARMS);
    const sse = subscribeOverSse(stack.gateway.url, ALARMS);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // As an operator would: npm run alarm, through the stack's data folder.
      await run('npx', ['tsx', 'bin/alarm.ts', inOne.qrId, '--kind', 'TRAPPED', '--data', stack.seeded.dir]);
      const raisedAt = Date.now();
      await until(() => ws.received.length > 0 && sse.received.length > 0, POLL_MS + 1_000, 'both subscribers');
      for (const subscriber of [ws, sse]) {
        expect(subscriber.received[0]!.at - raisedAt).toBeLessThan(POLL_MS + 1_000);
        const { errors, data } = subscriber.received[0]!;
        expect(errors).toBeUndefined();
        const event = data.alarms;
        expect(event).toMatchObject({ change: 'RAISED', kind: 'ENTRAPMENT', district: inOne.district });
        // Elevator platform, inspection registry, permit register and credit store in one answer.
        expect(event.alarm.equipment.code).toBe(inOne.registrationCode);
        expect(event.alarm.equipment.district.code).toBe(inOne.district);
        expect(event.alarm.equipment.userUnit.uscc).toMatch(/^[0-9A-Z]{18}$/);
        expect(event.alarm.equipment.userUnit.credit).not.toBeUndefined();
        expect(event.alarm.equipment.elevator.maintainer.licences).toBeInstanceOf(Array);
      }
      expect(sse.received[0]!.data).toEqual(ws.received[0]!.data);
      // A state change follows the same path: arriving at an alarm nobody accepted records both steps.
      await raiseAlarm(stack.seeded.dir, { action: 'arrive', alarmId: ws.received[0]!.data.alarms.alarm.id });
      await until(() => ws.received.length > 2, POLL_MS + 1_000, 'the arrival');
      expect(ws.received.slice(1).map((r) => r.data.alarms.change)).toEqual(['ACCEPTED', 'RESCUER_ARRIVED']);
    } finally {
      await ws.close();
      await sse.close();
    }
  });

  it('tells ACCEPTED and CLOSED of an alarm advanced with npm run alarm to both transports within the poll interval plus 1 s', async () => {
    // The selection of the other tests' subscribers, so a subscriber of this test still closing shares their resolution.
    const ws = subscribeOverWebSocket(stack.gateway.url, ALARMS);
    const sse = subscribeOverSse(stack.gateway.url, ALARMS);
    let alarmId = '';
    // This alarm's changes only: an event of another test's alarm may still be on its way.
    const ofThisAlarm = (s: typeof sse) => s.received.filter((r) => r.data?.alarms.alarm?.id === alarmId);
    const changes = (s: typeof sse) => ofThisAlarm(s).map((r) => r.data.alarms.change as string);
    const advance = async (step: 'accept' | 'close', alarmId: string) => {
      await run('npx', ['tsx', 'bin/alarm.ts', `--${step}`, alarmId, '--data', stack.seeded.dir]);
      return Date.now();
    };
    const received = async (change: string, since: number) => {
      await until(() => [ws, sse].every((s) => changes(s).includes(change)), POLL_MS + 1_000, change);
      return [ws, sse].map((s) => {
        const event = ofThisAlarm(s).find((r) => r.data.alarms.change === change)!;
        expect(event.at - since).toBeLessThan(POLL_MS + 1_000);
        expect(event.errors).toBeUndefined();
        return event.data.alarms;
      });
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      ({ alarmId } = await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inOne.registrationCode }));
      await until(() => [ws, sse].every((s) => changes(s).includes('RAISED')), POLL_MS + 1_000, 'the raise');
      for (const event of await received('ACCEPTED', await advance('accept', alarmId))) {
        expect(event.alarm).toMatchObject({ id: alarmId, state: 'ACCEPTED', closedAt: null });
        expect(event.alarm.equipment).toMatchObject({ code: inOne.registrationCode });
        expect(event.alarm.equipment.userUnit.uscc).toMatch(/^[0-9A-Z]{18}$/);
        expect(Date.parse(event.at)).toBe(Date.parse(event.alarm.acceptedAt));
      }
      await raiseAlarm(stack.seeded.dir, { action: 'release', alarmId });
      await until(() => [ws, sse].every((s) => changes(s).includes('RELEASED')), POLL_MS + 1_000, 'the release');
      for (const event of await received('CLOSED', await advance('close', alarmId))) {
        expect(event.alarm).toMatchObject({ id: alarmId, state: 'CLOSED' });
        expect(Date.parse(event.at)).toBe(Date.parse(event.alarm.closedAt));
      }
      for (const s of [ws, sse])
        expect(changes(s)).toEqual(['RAISED', 'ACCEPTED', 'RESCUER_ARRIVED', 'RELEASED', 'CLOSED']);
    } finally {
      await ws.close();
      await sse.close();
    }
  });

  it('resolves each event once per distinct selection and rights, however many subscribe; figures events name the district', async () => {
    const resolutions = async () => {
      const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
      return Number(/^equipment_graph_live_resolutions_total (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const same = Array.from({ length: 5 }, () => subscribeOverWebSocket(stack.gateway.url, ALARMS));
    const figures = subscribeOverSse(
      stack.gateway.url,
      'subscription { figuresChanged { systems district { code elevatorStatistics { entrapmentsLast24h } } } }',
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = await resolutions();
      await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inOne.registrationCode, kind: 'ENTRAPMENT' });
      await until(
        () => same.every((s) => s.received.length > 0) && figures.received.length > 0,
        POLL_MS + 1_000,
        'all',
      );
      // Five alarm subscribers with one selection and the same rights: one query; the figures subscriber: one more.
      expect((await resolutions()) - before).toBe(2);
      expect(new Set(same.map((s) => JSON.stringify(s.received[0]!.data))).size).toBe(1);
      expect(figures.received[0]!.data.figuresChanged).toMatchObject({
        systems: ['elevator'],
        district: { code: inOne.district },
      });
      expect(figures.received[0]!.data.figuresChanged.district.elevatorStatistics.entrapmentsLast24h).toBeGreaterThan(
        0,
      );
    } finally {
      await Promise.all([...same, figures].map((s) => s.close()));
    }
  });

  it("announces each district's recount after an elevator index rebuild, to that district's subscribers only", async () => {
    const figures = subscribeOverWebSocket(
      stack.gateway.url,
      'subscription($d: [ID!]) { figuresChanged(districts: $d) { systems at district { code } } }',
      { d: [inOne.district] },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await stack.refreshIndex('elevator');
      await until(() => figures.received.length > 0, 2_000, 'the recount');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(figures.received.map((r) => r.data.figuresChanged.district.code)).toEqual([inOne.district]);
      expect(figures.received[0]!.data.figuresChanged.systems).toEqual(['elevator']);
    } finally {
      await figures.close();
    }
  });

  it('answers a subscription posted as an ordinary request with an error saying where subscriptions are served', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { alarms { id } }' }),
    });
    const body = (await response.json()) as any;
    expect(response.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/WebSocket .*Server-Sent Events/);
  });

  it('refuses an SSE subscription whose declared body is over the gateway body limit', async () => {
    const huge = JSON.stringify({ query: `subscription { alarms { id } } #${'x'.repeat(1_100_000)}` });
    const declared = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: huge,
    });
    expect(declared.status).toBe(413);
  });

  it('holds a subscription message to 64 KiB on both transports, under the gateway body limit', async () => {
    const padded = `subscription { alarms { id } } #${'x'.repeat(100_000)}`;
    const sse = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: padded }),
    });
    expect(sse.status).toBe(413);
    expect(((await sse.json()) as any).errors[0].message).toBe('Request body over 65536 bytes');
    const socket = new WebSocket(stack.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padded } }));
    expect(await closed).toBe(1009);
  });

  it('refuses an SSE subscription whose chunked body (no declared length) passes the limit, before the rest is sent', async () => {
    // Twenty times the gateway's default limit (1 MB).
    const total = 20_000_000;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const target = new URL(stack.gateway.url);
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        },
        (res) => {
          answered = true;
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body, sent }));
        },
      );
      // Writes after the answer may find the socket closed: what counts is the answer.
      req.on('error', (error) => (answered ? undefined : reject(error)));
      req.write('{"query":"subscription { alarms { id } } #');
      const pump = () => {
        if (answered || sent >= total) return void req.end();
        sent += chunk.length;
        req.write(chunk, pump);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0]).toMatchObject({
      message: expect.stringMatching(/^Request body over \d+ bytes$/),
      extensions: { code: 'BAD_REQUEST' },
    });
    // Answered at the chunk that crossed the limit, not after reading the whole body.
    expect(answer.sent).toBeLessThan(total / 2);
  });

  it('closes a WebSocket that holds no subscription once idle (4408)', async () => {
    let closed!: (code: number) => void;
    const code = new Promise<number>((resolve) => (closed = resolve));
    const client = createClient({
      url: stack.gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: { closed: (event) => closed((event as { code: number }).code) },
    });
    try {
      expect(await code).toBe(4408);
    } finally {
      await client.dispose();
    }
  });

  it('serves a safelisted client its registered subscription by hash alone over both transports, and nothing else', async () => {
    const manifest = readManifest(CALLERS_DEFAULTS.persistedQueriesPath);
    const liveAlarms = manifest.operations.find((o) => o.name === 'LiveAlarms')!;
    expect(liveAlarms.type).toBe('subscription');
    const key = newApiKey();
    await fileClientStore(`${stack.dataDir}/clients.json`).add({
      name: 'screen-safelisted',
      keyHash: hashApiKey(key),
      scopes: ['equipment:read', 'enterprise:read', 'credit:read'],
      districts: undefined,
      safelist: [liveAlarms.id],
      rate: undefined,
      createdAt: new Date().toISOString(),
      revokedAt: undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const registered = { persistedHash: liveAlarms.id };
    const all = { districts: null, kinds: null };
    const ws = subscribeOverWebSocket(stack.gateway.url, registered, all, { 'x-api-key': key });
    const sse = subscribeOverSse(stack.gateway.url, registered, all, { 'x-api-key': key });
    const unregistered = subscribeOverWebSocket(stack.gateway.url, ALARMS, {}, { 'x-api-key': key });
    const unknown = subscribeOverSse(stack.gateway.url, { persistedHash: '0'.repeat(64) }, {}, { 'x-api-key': key });
    try {
      expect(((await unregistered.ended) as any[])[0].extensions.code).toBe('OPERATION_NOT_SAFELISTED');
      await unknown.ended;
      expect(unknown.received[0]!.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { alarmId } = await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inOne.registrationCode });
      await until(() => ws.received.length > 0 && sse.received.length > 0, POLL_MS + 1_000, 'both subscribers');
      for (const subscriber of [ws, sse]) {
        expect(subscriber.received[0]!.errors).toBeUndefined();
        expect(subscriber.received[0]!.data.alarms).toMatchObject({
          change: 'RAISED',
          alarm: { id: alarmId, state: 'RAISED', equipment: { code: inOne.registrationCode } },
        });
      }
    } finally {
      await Promise.all([ws, sse, unregistered, unknown].map((s) => s.close()));
    }
  });

  it("a district's subscriber does not receive another district's alarm", async () => {
    const mine = subscribeOverWebSocket(stack.gateway.url, ALARMS, { districts: [inOne.district] });
    const city = subscribeOverWebSocket(stack.gateway.url, ALARMS);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inAnother.registrationCode });
      await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inOne.registrationCode });
      await until(() => city.received.length >= 2 && mine.received.length >= 1, POLL_MS + 1_000, 'both alarms');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      expect(mine.received.map((r) => r.data.alarms.district)).toEqual([inOne.district]);
      expect(new Set(city.received.map((r) => r.data.alarms.district))).toEqual(
        new Set([inOne.district, inAnother.district]),
      );
    } finally {
      await mine.close();
      await city.close();
    }
  });

  it("a district client's key follows its districts only, and its subscriptions end once the key is revoked", async () => {
    const key = newApiKey();
    const clients = fileClientStore(`${stack.dataDir}/clients.json`);
    await clients.add({
      name: 'district-screen',
      keyHash: hashApiKey(key),
      scopes: ['equipment:read', 'enterprise:read', 'credit:read'],
      districts: [inOne.district],
      safelist: undefined,
      rate: undefined,
      createdAt: new Date().toISOString(),
      revokedAt: undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const outside = subscribeOverWebSocket(
      stack.gateway.url,
      ALARMS,
      { districts: [inAnother.district] },
      { 'x-api-key': key },
    );
    expect(((await outside.ended) as any[])[0].extensions.code).toBe('FORBIDDEN');
    await outside.close();
    const screen = subscribeOverWebSocket(stack.gateway.url, ALARMS, {}, { 'x-api-key': key });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inAnother.registrationCode });
      await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: inOne.registrationCode });
      await until(() => screen.received.length >= 1, POLL_MS + 1_000, 'its district alarm');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      expect(screen.received.map((r) => r.data.alarms.district)).toEqual([inOne.district]);
      await clients.revoke('district-screen', new Date().toISOString());
      expect((await screen.closed).code).toBe(4403);
    } finally {
      await screen.close();
    }
    const refused = subscribeOverWebSocket(stack.gateway.url, ALARMS, {}, { 'x-api-key': key });
    expect((await refused.closed).code).toBe(4403);
    await refused.close();
  });
});

describe.skipIf(!redis)('two gateways on one Redis bus', () => {
  let stack: TestStack;
  let second: RunningGateway;

  beforeAll(async () => {
    const env = {
      ELEVATOR_ALARM_POLL_MS: String(POLL_MS),
      REDIS_URL: TEST_REDIS_URL,
      GATEWAY_LIVE_CHANNEL: `eg-test-${process.pid}-${Date.now()}`,
    };
    stack = await startTestStack('test', [], env);
    second = await startGateway(
      readGatewayConfig(
        {
          ...env,
          ...Object.fromEntries(
            [...stack.gateway.subgraphs].map(([name, url]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, url]),
          ),
          GATEWAY_PORT: '0',
          GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
          DATA_DIR: stack.dataDir,
        },
        'embedded',
      ),
      createLogger({ level: 'silent', name: 'second' }),
    );
  }, 180_000);

  afterAll(async () => {
    await second?.stop();
    await stack?.close();
  });

  it('both deliver the alarm, once each', async () => {
    const [elevator] = await elevators(stack.gateway.url);
    const first = subscribeOverWebSocket(stack.gateway.url, ALARMS);
    const other = subscribeOverSse(second.url, ALARMS);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { alarmId } = await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: elevator!.registrationCode });
      await until(() => first.received.length > 0 && other.received.length > 0, POLL_MS + 1_000, 'both gateways');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 2));
      for (const subscriber of [first, other]) {
        expect(subscriber.received.map((r) => r.data.alarms.alarm.id)).toEqual([alarmId]);
      }
    } finally {
      await first.close();
      await other.close();
    }
  });

  it('a gateway that stops completes its subscriptions before closing their connections (1001)', async () => {
    const subscriber = subscribeOverWebSocket(second.url, ALARMS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await second.stop();
    second = undefined as unknown as RunningGateway;
    expect(await subscriber.ended).toBeUndefined();
    expect((await subscriber.closed).code).toBe(1001);
    await subscriber.close();
  });
});
