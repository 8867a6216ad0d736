/**
 * For tests: the permit stand-in seeded with the seed generator's test world (one licence record
 * spoiled, as real stores hold some), adapters with a CallRecorder, and real subgraph servers on loopback.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallRecorder } from '../../../adapters/core/calls.ts';
import { type PermitAdapter, createPermitAdapter } from '../../../adapters/permit/index.ts';
import { faultTestsGuard } from '../fault-tests-guard.ts';
import {
  type RunningPermitStandIn,
  permitStoreFile,
  preparePermit,
  startPermitStandIn,
} from '../../../legacy/permit/index.ts';
import { generateWorld } from '../../../legacy/seed/generate.ts';
import type { World } from '../../../legacy/seed/world.ts';
import type { RunningHttpServer } from '../../../runtime/apollo-http.ts';
import { fixedClock } from '../../../runtime/clock.ts';
import { createLogger } from '../../../runtime/logger.ts';
import { startSubgraph } from '../../../subgraphs/common/server.ts';
import { createPermitSubgraph } from '../../../subgraphs/permit/index.ts';
import { TEST_TRUST } from '../callers.ts';

export interface PermitStack {
  readonly world: World;
  readonly service: RunningPermitStandIn;
  readonly recorder: CallRecorder;
  /** The holder one of whose licence records carries an unknown type code. */
  readonly spoiledHolder: string;
  /** Starts one more subgraph server (its own adapter) and returns its GraphQL URL. */
  serve(options?: { batchLimit?: number }): Promise<string>;
  stop(): Promise<void>;
}

export async function startPermitStack(): Promise<PermitStack> {
  const logger = createLogger({ level: 'silent', name: 'test' });
  const world = generateWorld({ scale: 'test' });
  const dir = mkdtempSync(join(tmpdir(), 'eg-permit-stack-'));
  preparePermit(world, dir);
  const spoiledHolder = world.licences.at(-1)!.holderUscc;
  const store = JSON.parse(readFileSync(permitStoreFile(dir), 'utf8'));
  store.XKZ.findLast((r: { TYSHXYDM: string }) => r.TYSHXYDM === spoiledHolder).XKLX = '09';
  writeFileSync(permitStoreFile(dir), JSON.stringify(store));
  const service = await startPermitStandIn({ dir, host: '127.0.0.1', port: 0 });
  const recorder = new CallRecorder();
  const running: { adapter: PermitAdapter; server: RunningHttpServer }[] = [];
  return {
    world,
    service,
    recorder,
    spoiledHolder,
    async serve(options = {}) {
      const adapter = createPermitAdapter({
        url: service.url,
        timeoutMs: 2000,
        logger,
        observers: [recorder.observer],
        batchLimit: options.batchLimit,
        guard: faultTestsGuard('permit'),
      });
      const definition = createPermitSubgraph({ adapter, clock: fixedClock(`${world.asOf}T10:00:00+08:00`) });
      const server = await startSubgraph(definition, { host: '127.0.0.1', port: 0, logger, trust: TEST_TRUST });
      running.push({ adapter, server });
      return server.url;
    },
    async stop() {
      for (const r of running) {
        await r.server.stop();
        r.adapter.close();
      }
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { postGraphql } from '../graphql.ts';
