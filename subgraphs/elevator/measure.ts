/**
 * Measures the elevator path end to end on loopback: stand-in, adapter, subgraph server.
 *   npx tsx subgraphs/elevator/measure.ts [test|demo|city]   (default demo)
 * Prints the platform calls and latency of a 100-elevator page (Equipment references with maintainer,
 * last maintenance and the overdue judgement) and the cost of district statistics cold and warm.
 * The world comes from the seed generator at the given scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { createElevatorAdapter } from '../../adapters/elevator/index.ts';
import { prepareElevator, startElevatorStandIn } from '../../legacy/elevator/index.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import type { ScaleName } from '../../legacy/seed/world.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { startSubgraph } from '../common/server.ts';
import { createElevatorSubgraph } from './index.ts';
import { worldEligibility } from './testing.ts';
import { postGraphql } from './test-stack.ts';

const PAGE_QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Equipment { elevator { maintainer { uscc } lastMaintenance { date } maintenanceOverdue } } } }`;
const STATS_QUERY = `{ _entities(representations: [${['310115', '310112', '310106', '310101'].map((c) => `{ __typename: "District", code: "${c}" }`).join(', ')}]) {
  ... on District { elevatorStatistics { total overFifteenYears onDemandEnrolled overdueMaintenance alarmsLast24h entrapmentsLast24h averageRescueArrivalMinutes refreshedAt } } } }`;
const PAGES = 30;

const timed = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};
const scale = (process.argv[2] ?? 'demo') as ScaleName;
const [world, seedMs] = await timed(() => generateWorld({ scale }));
const dir = mkdtempSync(join(tmpdir(), 'eg-elevator-measure-'));
const APP = { appKey: 'measure', appSecret: 'measure-secret' };
const logger = createLogger({ level: 'silent', name: 'measure' });

const [, prepareMs] = await timed(() => prepareElevator(world, dir));
const [platform, startMs] = await timed(() => startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] }));
console.log(`${scale}: ${world.elevators.length} elevators, ${world.maintenance.length} maintenance records, ${world.alarms.length} alarms: seed ${seedMs.toFixed(0)} ms, prepare ${prepareMs.toFixed(0)} ms, stand-in start ${startMs.toFixed(0)} ms`);

const recorder = new CallRecorder();
const adapter = createElevatorAdapter({ url: platform.url, ...APP, timeoutMs: 10_000, logger, observers: [recorder.observer] });
const server = await startSubgraph(createElevatorSubgraph({ adapter, eligibility: worldEligibility(world), clock: fixedClock(`${world.asOf}T18:00:00+08:00`), logger }), { host: '127.0.0.1', port: 0, logger });
const codes = world.elevators.map((e) => e.registrationCode);

const latencies: number[] = [];
for (let i = 0; i < PAGES; i++) {
  recorder.clear();
  const start = (i * 100) % Math.max(1, codes.length - 100);
  const reps = codes.slice(start, start + 100).map((code) => ({ __typename: 'Equipment', code }));
  const [result, ms] = await timed(() => postGraphql(server.url, PAGE_QUERY, { reps }));
  if (result.errors) throw new Error(JSON.stringify(result.errors[0]));
  latencies.push(ms);
  if (i === 0) console.log(`100-elevator page: ${recorder.calls.map((c) => `${c.operation}(${c.keys} keys, ${c.durationMs.toFixed(1)} ms)`).join(', ')}`);
}
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
console.log(`100-elevator page over ${PAGES} runs: min ${at(0)} ms, median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);

recorder.clear();
const [cold, coldMs] = await timed(() => postGraphql(server.url, STATS_QUERY));
console.log(`district statistics cold (index build): ${coldMs.toFixed(0)} ms, ${recorder.calls.length} platform calls; Pudong ${JSON.stringify(cold.data?._entities?.[0]?.elevatorStatistics ?? cold.errors)}`);
recorder.clear();
const [, warmMs] = await timed(() => postGraphql(server.url, STATS_QUERY));
console.log(`district statistics warm: ${warmMs.toFixed(1)} ms, ${recorder.calls.length} platform calls`);

await server.stop();
adapter.close();
await platform.stop();
rmSync(dir, { recursive: true, force: true });
