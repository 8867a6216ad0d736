/**
 * `npm run bench:live -- [--scale demo] [--subscribers 1000] [--alarms 20] [--poll-ms 1000]`: live alarm
 * delivery at scale. Starts the embedded stack as a process of its own (bench/stack-process.ts, loopback),
 * opens `subscribers` graphql-ws subscriptions (one WebSocket each; a third follow one district, the rest
 * the whole city; four different selections, so the hub resolves up to a few queries per event), raises
 * `alarms` alarms one after another through the stack's alarm control (as `npm run alarm` does), and
 * reports the delivery latency from raise to receipt (p50, p99, max; it includes waiting for the feed's
 * next poll, at most `poll-ms`), how many deliveries were missing or doubled, and the gateway process's
 * resident memory and CPU time (its /metrics) before and after. Bounded: at most about a minute of
 * alarms, every wait has a timeout, the stack is stopped at the end whatever happens.
 */
import { parseArgs } from 'node:util';
import { raiseAlarm, subscribeOverWebSocket } from '../test/support/live.ts';
import { startStack, stopStack } from './stack-process.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo' },
    subscribers: { type: 'string', default: '1000' },
    alarms: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '1000' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const ALARMS = Number(values.alarms);
const POLL_MS = Number(values['poll-ms']);

const SELECTIONS = [
  'alarm { id kind raisedAt equipment { code address district { code name } } }',
  'alarm { id equipment { code userUnit { uscc name credit { riskClass } } } }',
  'alarm { id equipment { code elevator { maintainer { uscc name licences(type: MAINTENANCE) { number status } } } } }',
  '',
];
const query = (selection: string) =>
  `subscription Bench($districts: [ID!]) { alarms(districts: $districts) { id change kind district at ${selection} } }`;

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function processFigures(url: string): Promise<{ rssMb: number; cpuSeconds: number }> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rssMb: Math.round(value('process_resident_memory_bytes') / 1e6),
    cpuSeconds: Math.round(value('process_cpu_seconds_total') * 100) / 100,
  };
}

const { child, url, folder } = await startStack(values.scale, process.env.DATA_DIR ?? 'data', {
  ELEVATOR_ALARM_POLL_MS: String(POLL_MS),
  GATEWAY_LIVE_MAX_PER_CALLER: String(SUBSCRIBERS * 2),
});
const subscribers: ReturnType<typeof subscribeOverWebSocket>[] = [];
try {
  // Two elevators of each district, so district subscribers get only their share of the alarms.
  const ask = async (query: string, variables: Record<string, unknown> = {}): Promise<any> =>
    (
      (await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data: unknown }
    ).data;
  const districts = ((await ask('{ districts { code } }')).districts as { code: string }[]).map((d) => d.code);
  const elevators: { code: string; district: string }[] = [];
  for (const district of districts) {
    const found = await ask(
      'query($d: ID) { elevators(filter: { district: $d }, first: 2) { nodes { registrationCode } } }',
      { d: district },
    );
    for (const n of found.elevators.nodes as { registrationCode: string }[])
      elevators.push({ code: n.registrationCode, district });
  }
  console.log(`stack up at ${url} (${values.scale} city); opening ${SUBSCRIBERS} subscriptions`);
  const idle = await processFigures(url);

  const plan = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
    selection: SELECTIONS[i % SELECTIONS.length]!,
    district: i % 3 === 0 ? districts[i % districts.length]! : undefined,
  }));
  for (let i = 0; i < plan.length; i += 100) {
    for (const p of plan.slice(i, i + 100))
      subscribers.push(subscribeOverWebSocket(url, query(p.selection), p.district ? { districts: [p.district] } : {}));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Connections the gateway closed (refused, timed out before their init) are counted, not hidden.
  const closedCodes: number[] = [];
  for (const s of subscribers) void s.closed.then((event) => closedCodes.push(event.code));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const subscribed = await processFigures(url);

  const raised: { alarmId: string; district: string; at: number }[] = [];
  for (let n = 0; n < ALARMS; n++) {
    const elevator = elevators[n % elevators.length]!;
    const at = performance.timeOrigin + performance.now();
    const { alarmId } = await raiseAlarm(folder, { action: 'raise', elevator: elevator.code });
    raised.push({ alarmId, district: elevator.district, at });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 1.5));
  }
  await new Promise((resolve) => setTimeout(resolve, POLL_MS + 5_000));
  const after = await processFigures(url);

  const latencies: number[] = [];
  let missing = 0;
  let doubled = 0;
  let errors = 0;
  subscribers.forEach((s, i) => {
    const wanted = raised.filter((r) => !plan[i]!.district || plan[i]!.district === r.district);
    for (const r of wanted) {
      const got = s.received.filter((m) => m.data?.alarms?.id === `alarm:${r.alarmId}:RAISED`);
      if (got.length === 0) missing++;
      if (got.length > 1) doubled++;
      if (got[0]?.errors) errors++;
      if (got[0]) latencies.push(got[0].at - r.at);
    }
  });
  latencies.sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.log(
    JSON.stringify(
      {
        scale: values.scale,
        subscribers: SUBSCRIBERS,
        alarms: ALARMS,
        pollMs: POLL_MS,
        deliveries: latencies.length,
        missing,
        doubled,
        withErrors: errors,
        connectionsClosed: closedCodes.length,
        closeCodes: [...new Set(closedCodes)],
        latency: {
          p50: ms(percentile(latencies, 50)),
          p99: ms(percentile(latencies, 99)),
          max: ms(latencies.at(-1) ?? NaN),
        },
        gatewayProcess: {
          rssMb: { idle: idle.rssMb, subscribed: subscribed.rssMb, after: after.rssMb },
          cpuSecondsDuringAlarms: Math.round((after.cpuSeconds - subscribed.cpuSeconds) * 100) / 100,
          cpuSecondsOpeningSubscriptions: Math.round((subscribed.cpuSeconds - idle.cpuSeconds) * 100) / 100,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await Promise.allSettled(subscribers.map((s) => s.close()));
  await stopStack(child);
}
