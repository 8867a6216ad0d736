/**
 * Measures the permit path end to end on loopback: SOAP stand-in, adapter, subgraph server.
 *   npx tsx bench/permit.ts [test|demo|city] [stand-in latency ms]   (default demo, 0)
 * Prints the SOAP calls and latency of a 100-enterprise query (Enterprise references with licences
 * and spot checks, licence holders first) and of a 100-row expiring-licence page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallRecorder } from '../adapters/core/calls.ts';
import { createPermitAdapter } from '../adapters/permit/index.ts';
import { preparePermit, startPermitStandIn } from '../legacy/permit/index.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { ScaleName } from '../legacy/seed/world.ts';
import { fixedClock } from '../runtime/clock.ts';
import { createLogger } from '../runtime/logger.ts';
import { startSubgraph } from '../subgraphs/common/server.ts';
import { createPermitSubgraph } from '../subgraphs/permit/index.ts';
import { postGraphql } from '../test/support/permit/stack.ts';
import { TEST_TRUST } from '../test/support/callers.ts';

const ENTERPRISES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { uscc licences { number type status expiresOn daysUntilExpiry } spotChecks { id result } } } }`;
const EXPIRING = `{ licencesExpiring(withinDays: 730, first: 100) { totalCount nodes { number holder { uscc } daysUntilExpiry } } }`;
const RUNS = 30;

const timed = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};
const scale = (process.argv[2] ?? 'demo') as ScaleName;
const latencyMs = Number(process.argv[3] ?? 0);
const [world, seedMs] = await timed(() => generateWorld({ scale }));
const dir = mkdtempSync(join(tmpdir(), 'eg-permit-measure-'));
const logger = createLogger({ level: 'silent', name: 'measure' });
const [, prepareMs] = await timed(() => preparePermit(world, dir));
const [service, startMs] = await timed(() => startPermitStandIn({ dir, host: '127.0.0.1', port: 0 }));
service.setFaults({ latencyMs });
console.log(
  `${scale}: ${world.licences.length} licences, ${world.certificates.length} certificates, ${world.spotChecks.length} spot checks: seed ${seedMs.toFixed(0)} ms, prepare ${prepareMs.toFixed(0)} ms, stand-in start ${startMs.toFixed(0)} ms, added latency ${latencyMs} ms`,
);

const recorder = new CallRecorder();
const adapter = createPermitAdapter({ url: service.url, timeoutMs: 10_000, logger, observers: [recorder.observer] });
const server = await startSubgraph(
  createPermitSubgraph({ adapter, clock: fixedClock(`${world.asOf}T10:00:00+08:00`) }),
  { host: '127.0.0.1', port: 0, logger, trust: TEST_TRUST },
);
const holders = new Set(world.licences.map((l) => l.holderUscc));
const enterprises = [...holders, ...world.enterprises.map((e) => e.uscc).filter((u) => !holders.has(u))];

async function measure(name: string, run: (i: number) => Promise<{ errors?: unknown[] }>): Promise<void> {
  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    recorder.clear();
    const [result, ms] = await timed(() => run(i));
    if (result.errors) throw new Error(JSON.stringify(result.errors[0]));
    latencies.push(ms);
    if (i === 0)
      console.log(
        `${name}: ${recorder.calls.length} SOAP calls: ${recorder.calls.map((c) => `${c.operation}(${c.keys} keys, ${c.durationMs.toFixed(1)} ms)`).join(', ')}`,
      );
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`${name} over ${RUNS} runs: min ${at(0)} ms, median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
}

await measure('100 enterprises with licences and spot checks', (i) => {
  const start = i === 0 ? 0 : (i * 37) % Math.max(1, enterprises.length - 100);
  return postGraphql(server.url, ENTERPRISES, {
    reps: enterprises.slice(start, start + 100).map((uscc) => ({ __typename: 'Enterprise', uscc })),
  });
});
await measure('100 licences expiring within two years', () => postGraphql(server.url, EXPIRING));

await server.stop();
adapter.close();
await service.stop();
rmSync(dir, { recursive: true, force: true });
