/** Start-up refuses a bad configuration value with one line naming the variable, before doing anything. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SIGNING_SECRET } from './support/callers.ts';
import { ZERO_PORTS } from './support/stack.ts';

function start(env: Record<string, string>, script = 'bin/start.ts', args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env, DATA_DIR: '/nonexistent-data-dir' },
    encoding: 'utf8',
    timeout: 60_000,
  });
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

  it('asks for the platform secret when the elevator subgraph runs on its own (no secret in code)', () => {
    const result = start({ ELEVATOR_APP_SECRET: '', GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET }, 'bin/subgraph.ts', [
      'elevator',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ELEVATOR_APP_SECRET must be set');
  });

  it('asks a subgraph and a gateway on their own for the secret they share (no default)', () => {
    for (const [script, args] of [
      ['bin/subgraph.ts', ['permit']],
      ['bin/gateway.ts', []],
    ] as const) {
      const result = start({ GATEWAY_SIGNING_SECRET: '' }, script, [...args]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('GATEWAY_SIGNING_SECRET is required');
    }
  });

  it('names the subgraphs a standalone subgraph may be', () => {
    const result = start({}, 'bin/subgraph.ts', ['nope']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "usage: npm run start:subgraph -- <permit|inspection|elevator|credit|supervision>, got 'nope'",
    );
  });
});

describe('npm start', () => {
  it('seeds on first start, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eg-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, SEED_SCALE: 'test', LOG_LEVEL: 'info', ...ZERO_PORTS },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const explorer = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /Explorer: (\S+)/.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[1]!);
          }
        }, 200);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`exited early:\n${out}`));
        });
      });
      const answer = await fetch(explorer, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ districts { code } }"}',
      });
      expect(((await answer.json()) as { data: { districts: unknown[] } }).data.districts).toHaveLength(16);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"stopped"');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
