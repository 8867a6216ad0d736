/**
 * Protection on a running stack (test city): the fault CLI switches a stand-in's fault, a system that
 * fails after a good read is answered from the last good copy with its age, a key never read is null
 * with the system's error while the other systems' fields are served, the permit breaker opens and
 * fails fast without reaching the system, and closes after heal; a hung platform is answered within
 * the request's deadline.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../adapters/core/calls.ts';
import { postGraphql } from './support/graphql.ts';
import { type TestStack, startTestStack } from './support/stack.ts';

const run = promisify(execFile);
const recorder = new CallRecorder();
let stack: TestStack;
let usccs: string[];

const ENTERPRISE = `query($uscc: ID!) { enterprise(uscc: $uscc) { name licences { number } } }`;

async function faults(...args: string[]): Promise<string> {
  const { stdout } = await run('npx', ['tsx', 'bin/faults.ts', ...args, '--data', stack.seeded.dir], {
    cwd: `${import.meta.dirname}/..`,
  });
  return stdout;
}

const HALF_OPEN_MS = 4000;

beforeAll(async () => {
  stack = await startTestStack('test', [recorder.observer], {
    LEGACY_BREAKER_FAILURES: '3',
    // Long enough that ten requests on a loaded machine all meet the open breaker before it half-opens.
    LEGACY_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
    LEGACY_RETRY_MAX: '0',
    GATEWAY_REQUEST_TIMEOUT_MS: '2000',
    ELEVATOR_TIMEOUT_MS: '5000',
  });
  const found = await postGraphql(stack.gateway.url, `{ enterpriseSearch(first: 60) { nodes { uscc } } }`);
  usccs = (found.data.enterpriseSearch.nodes as { uscc: string }[]).map((n) => n.uscc);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('a system down after a good read', () => {
  it('serves the last good copy with its age; a key never read is null with LEGACY_UNAVAILABLE', async () => {
    const good = await postGraphql(stack.gateway.url, ENTERPRISE, { uscc: usccs[0] });
    expect(good.errors).toBeUndefined();
    expect(good.extensions).toBeUndefined();

    expect(await faults('permit', 'down')).toContain('"outage":true');
    const stale = await postGraphql(stack.gateway.url, ENTERPRISE, { uscc: usccs[0] });
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(good.data);
    expect(stale.extensions?.stale).toEqual([{ system: 'permit', ageSeconds: expect.any(Number) }]);

    const never = await postGraphql(stack.gateway.url, ENTERPRISE, { uscc: usccs[1] });
    expect(never.data.enterprise.name).toEqual(expect.any(String));
    expect(never.data.enterprise.licences).toBeNull();
    expect(never.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'permit' });
    expect(await faults('permit', 'heal')).toContain('"outage":false');
  });
});

describe('the permit breaker on the stack', () => {
  it('opens after repeated failures, then fails fast without calling the system, and closes after heal', async () => {
    await faults('permit', 'errors', '--rate', '1');
    for (const uscc of usccs.slice(2, 6)) await postGraphql(stack.gateway.url, ENTERPRISE, { uscc });
    expect((await stack.breakerStates()).permit).toBe('open');
    recorder.clear();
    for (const uscc of usccs.slice(6, 16)) {
      const answer = await postGraphql(stack.gateway.url, ENTERPRISE, { uscc });
      expect(answer.errors?.[0]?.message).toContain('circuit breaker is open');
    }
    expect(recorder.count('permit')).toBe(0);

    await faults('permit', 'heal');
    await new Promise((r) => setTimeout(r, HALF_OPEN_MS + 100));
    const healed = await postGraphql(stack.gateway.url, ENTERPRISE, { uscc: usccs[20] });
    expect(healed.errors).toBeUndefined();
    expect((await stack.breakerStates()).permit).toBe('closed');
    expect(recorder.count('permit')).toBe(1);
  });
});

describe('a hung platform', () => {
  it('is answered within the request deadline with LEGACY_TIMEOUT, the other systems served', async () => {
    const status = JSON.parse(await faults('status')) as Record<string, unknown>;
    expect(Object.keys(status).sort()).toEqual(['credit', 'elevator', 'inspection', 'permit']);
    const listed = await postGraphql(stack.gateway.url, `{ elevators(first: 1) { nodes { registrationCode } } }`);
    const code = listed.data.elevators.nodes[0].registrationCode as string;
    const QUESTION = `query($code: ID!) { elevator(registrationCode: $code) { qrId } districts { code } }`;
    await faults('elevator', 'hang');
    const started = performance.now();
    const answer = await postGraphql(stack.gateway.url, QUESTION, { code });
    const elapsed = performance.now() - started;
    await faults('elevator', 'heal');
    // The gateway's deadline is 2 s and the platform's own timeout 5 s: the deadline ends the call.
    expect(elapsed).toBeLessThan(3000);
    expect(answer.data.districts).toHaveLength(16);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'elevator' });
  });
});
