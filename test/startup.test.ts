/** Start-up refuses a bad configuration value with one line naming the variable, before doing anything. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>, script = 'bin/start.ts', args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env, DATA_DIR: '/nonexistent-data-dir' }, encoding: 'utf8', timeout: 60_000 });
}

describe('start-up configuration errors', () => {
  it.each([
    [{ GATEWAY_PORT: 'abc' }, "GATEWAY_PORT must be a whole number from 0 to 65535, got 'abc'"],
    [{ SEED_SCALE: 'huge' }, "SEED_SCALE must be one of test, demo, city, got 'huge'"],
    [{ CLOCK_NOW: 'yesterday' }, "CLOCK_NOW must be seed, system or an ISO 8601 instant, got 'yesterday'"],
    [{ ELEVATOR_TIMEOUT_MS: '5' }, 'ELEVATOR_TIMEOUT_MS must be from 100 to 120000, got 5'],
  ])('%j', (env, message) => {
    const result = start(env);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`equipment-graph: Configuration error: ${message}`);
  });

  it('names the subgraphs a standalone subgraph may be', () => {
    const result = start({}, 'bin/subgraph.ts', ['nope']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("usage: npm run start:subgraph -- <permit|inspection|elevator|credit>, got 'nope'");
  });
});
