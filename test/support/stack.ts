/**
 * The embedded stack as tests start it: every port 0 (so test files may run side by side), the seed
 * scale given, and a data folder of the test's own (two stacks must not open one embedded database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallObserver } from '../../adapters/core/calls.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../../embedded/stack.ts';
import { createLogger } from '../../runtime/logger.ts';
import { TEST_SIGNING_SECRET } from './callers.ts';

export const ZERO_PORTS = {
  GATEWAY_PORT: '0',
  SUBGRAPH_PORT_PERMIT: '0',
  SUBGRAPH_PORT_INSPECTION: '0',
  SUBGRAPH_PORT_ELEVATOR: '0',
  SUBGRAPH_PORT_CREDIT: '0',
  SUBGRAPH_PORT_SUPERVISION: '0',
  PERMIT_STANDIN_PORT: '0',
  ELEVATOR_STANDIN_PORT: '0',
};

export interface TestStack extends EmbeddedStack {
  /** DATA_DIR of this stack (its client file and development token key live there). */
  readonly dataDir: string;
  /** Stops the stack and removes its data folder. */
  close(): Promise<void>;
}

/** `env`: more configuration (e.g. the callers' settings, a short breaker half-open time) over the test stack's own. */
export async function startTestStack(
  scale: 'test' | 'demo',
  observers: CallObserver[] = [],
  env: Record<string, string> = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `eg-stack-${scale}-`));
  const stack = await startEmbeddedStack(
    // The test secret, so a test may post straight to a subgraph as the gateway (test/support/graphql.ts);
    // every request computed afresh with fetches of its own, since tests count each request's legacy calls
    // (unless `env` says otherwise).
    {
      ...ZERO_PORTS,
      SEED_SCALE: scale,
      DATA_DIR: dataDir,
      GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
      GATEWAY_RESPONSE_CACHE: 'off',
      GATEWAY_SUBGRAPH_DEDUPE: 'false',
      ...env,
    },
    createLogger({ level: 'silent', name: `stack-${scale}` }),
    { observers },
  );
  return Object.assign(stack, {
    dataDir,
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
