/**
 * For tests: the elevator stand-in seeded with the hand-built test world (one record corrupted, as
 * real platforms hold some), the adapter with a CallRecorder, and real subgraph servers on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultTestsGuard } from '../fault-tests-guard.ts';
import { CallRecorder } from '../../../adapters/core/calls.ts';
import { type ElevatorAdapter, createElevatorAdapter } from '../../../adapters/elevator/index.ts';
import {
  startElevatorStandIn,
  type RunningElevatorStandIn,
  toDtWorld,
  writeElevatorStore,
} from '../../../legacy/elevator/index.ts';
import { TEST_AS_OF, elevatorTestWorld } from './hand-world.ts';
import type { RunningHttpServer } from '../../../runtime/apollo-http.ts';
import { fixedClock } from '../../../runtime/clock.ts';
import { createLogger } from '../../../runtime/logger.ts';
import { startSubgraph } from '../../../subgraphs/common/server.ts';
import { createElevatorSubgraph } from '../../../subgraphs/elevator/index.ts';
import { fixedEligibility } from './eligibility.ts';
import { TEST_TRUST } from '../callers.ts';

/** Index of the stored elevator whose floor count is written in words. */
export const CORRUPT_ELEVATOR = 7;

export interface ElevatorStack {
  readonly world: ReturnType<typeof elevatorTestWorld>;
  readonly platform: RunningElevatorStandIn;
  readonly recorder: CallRecorder;
  /** Starts one more subgraph server (its own adapter) and returns its GraphQL URL. */
  serve(options?: { batchLimit?: number }): Promise<string>;
  stop(): Promise<void>;
}

export async function startElevatorStack(): Promise<ElevatorStack> {
  const APP = { appKey: 'graph', appSecret: 'stack-test-secret' };
  const logger = createLogger({ level: 'silent', name: 'test' });
  const world = elevatorTestWorld();
  const dir = mkdtempSync(join(tmpdir(), 'eg-elevator-stack-'));
  const stored = toDtWorld(world);
  (stored.elevators[CORRUPT_ELEVATOR] as { cs: unknown }).cs = '十二层';
  writeElevatorStore(stored, dir);
  const platform = await startElevatorStandIn({ dir, host: '127.0.0.1', port: 0, apps: [APP] });
  const recorder = new CallRecorder();
  // Every maintainer classed A and every elevator's inspection valid: on-demand enrolment alone decides.
  const qualifying = fixedEligibility(
    Object.fromEntries(world.elevators.map((e) => [e.maintainerUscc, 'A'])),
    Object.fromEntries(
      world.elevators.map((e) => [e.registrationCode, { nextDueOn: '2027-12-31', conclusion: 'PASS' } as const]),
    ),
  );
  const running: { adapter: ElevatorAdapter; server: RunningHttpServer }[] = [];
  return {
    world,
    platform,
    recorder,
    async serve(options = {}) {
      const adapter = createElevatorAdapter({
        url: platform.url,
        ...APP,
        timeoutMs: 2000,
        logger,
        observers: [recorder.observer],
        batchLimit: options.batchLimit,
        guard: faultTestsGuard('elevator'),
      });
      const definition = createElevatorSubgraph({
        adapter,
        eligibility: qualifying,
        clock: fixedClock(`${TEST_AS_OF}T18:00:00+08:00`),
        logger,
      });
      const server = await startSubgraph(definition, { host: '127.0.0.1', port: 0, logger, trust: TEST_TRUST });
      running.push({ adapter, server });
      return server.url;
    },
    async stop() {
      for (const r of running) {
        await r.server.stop();
        r.adapter.close();
      }
      await platform.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { postGraphql } from '../graphql.ts';
