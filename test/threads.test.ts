/**
 * The embedded start's threads: the subgraphs, stand-ins and the embedded database answer while the
 * gateway's thread is blocked (so none of them runs on it); /metrics covers every thread; stop() ends
 * both workers by themselves, with nothing left open in them.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SIGNING_SECRET, signedHeaders } from './support/callers.ts';
import { type TestStack, ZERO_PORTS, startTestStack } from './support/stack.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { createLogger } from '../runtime/logger.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack('test');
}, 180_000);
afterAll(async () => stack?.close());

/** Posts each signed request from a thread of its own; 1 in `done` when every answer came back clean, 2 otherwise. */
const CLIENT = `
const { workerData } = require('node:worker_threads');
const done = new Int32Array(workerData.done);
(async () => {
  for (const [url, body, headers] of workerData.requests) {
    const res = await fetch(url, { method: 'POST', headers, body });
    const answer = await res.json();
    if (!answer.data || answer.errors) throw new Error(JSON.stringify(answer));
  }
})().then(() => 1, () => 2).then((outcome) => { Atomics.store(done, 0, outcome); Atomics.notify(done, 0); });
`;

describe('threads of the embedded start', () => {
  it('two worker threads, neither of them the gateway’s', () => {
    const { legacy, subgraphs } = stack.threads;
    expect(legacy.threadId).toBeGreaterThan(0);
    expect(subgraphs.threadId).toBeGreaterThan(0);
    expect(legacy.threadId).not.toBe(subgraphs.threadId);
  });

  it('subgraphs answer from the permit stand-in and the inspection database while this thread is blocked', () => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    // Straight to the subgraphs, signed as the gateway signs its fetches.
    const requests = [
      [stack.gateway.subgraphs.get('permit'), '{ licencesExpiring(withinDays: 3650, first: 1) { totalCount } }'],
      [stack.gateway.subgraphs.get('inspection'), '{ equipmentSearch(first: 1) { totalCount } }'],
    ].map(([url, query]) => {
      const body = JSON.stringify({ query });
      return [url, body, signedHeaders(body)];
    });
    const client = new Worker(CLIENT, { eval: true, workerData: { done: done.buffer, requests } });
    // This thread waits without ever returning to its event loop: whatever answers runs on another thread.
    Atomics.wait(done, 0, 0, 60_000);
    void client.terminate();
    expect(Atomics.load(done, 0)).toBe(1);
  });

  it("/metrics renders each thread's event-loop delay and the workers' legacy calls, the process's memory once", async () => {
    const query = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ districts { code equipmentStats { equipmentInUse } } }' }),
    });
    expect(((await query.json()) as { errors?: unknown }).errors).toBeUndefined();
    const lines = (await (await fetch(new URL('/metrics', stack.gateway.url))).text()).split('\n');
    for (const thread of ['gateway', 'subgraphs', 'legacy'])
      expect(lines.some((l) => l.startsWith(`nodejs_eventloop_lag_max_seconds{thread="${thread}"}`))).toBe(true);
    expect(lines.some((l) => /^equipment_graph_legacy_calls_total\{.*system="inspection".*\} [1-9]/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('equipment_graph_requests_total{'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('process_resident_memory_bytes'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('# TYPE nodejs_eventloop_lag_max_seconds '))).toHaveLength(1);
  });

  it('a legacy thread that cannot start fails the start with its own error, the subgraph thread waiting on it', async () => {
    // Both workers start at once; this one finds the running stack's credit store locked.
    const second = startEmbeddedStack(
      { ...ZERO_PORTS, SEED_SCALE: 'test', DATA_DIR: stack.dataDir, GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET },
      createLogger({ level: 'silent', name: 'second' }),
    );
    await expect(second).rejects.toThrow(/in use by process/);
  });

  it('stop() ends both workers by themselves: nothing of theirs stays open', async () => {
    await stack.close();
    expect(await stack.threads.subgraphs.ended).toEqual({ code: 0, stopped: true, terminated: false });
    expect(await stack.threads.legacy.ended).toEqual({ code: 0, stopped: true, terminated: false });
  });
});
