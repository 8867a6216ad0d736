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
  /** Stops the stack and removes its data folder. */
  close(): Promise<void>;
}

/** `env`: more settings (e.g. a short breaker half-open time); ports and the data folder stay the test's own. */
export async function startTestStack(
  scale: 'test' | 'demo',
  observers: CallObserver[] = [],
  env: Record<string, string> = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `eg-stack-${scale}-`));
  const stack = await startEmbeddedStack(
    { ...env, ...ZERO_PORTS, SEED_SCALE: scale, DATA_DIR: dataDir },
    createLogger({ level: 'silent', name: `stack-${scale}` }),
    { observers },
  );
  return Object.assign(stack, {
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
