/**
 * The health listener answers on its own thread: while this (the "gateway's") thread is blocked it still
 * answers, 200 while the heartbeat is fresh and 503 with the silence once the loop has not run for stallMs.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HealthListener, startHealthListener } from './health-listener.ts';

/** Fetches `url` at each of `atMs` (from its start); writes each status, then 1 in slot 0 when done. */
const PROBES = `
const { workerData } = require('node:worker_threads');
const out = new Int32Array(workerData.out);
(async () => {
  const started = Date.now();
  for (const [i, at] of workerData.atMs.entries()) {
    await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
    const res = await fetch(workerData.url);
    const body = await res.json();
    out[1 + i] = res.status;
    if (body.stalledMs !== undefined) out[10] = body.stalledMs;
  }
})().catch(() => {}).finally(() => { Atomics.store(out, 0, 1); Atomics.notify(out, 0); });
`;

describe('the health listener', () => {
  let health: HealthListener;
  beforeAll(async () => {
    health = await startHealthListener('127.0.0.1', 0, 500);
  });
  afterAll(async () => health?.stop());

  it('answers GET /health and nothing else', async () => {
    const ok = await fetch(health.url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(new URL('/metrics', health.url))).status).toBe(404);
    expect((await fetch(health.url, { method: 'POST' })).status).toBe(404);
  });

  it('answers while this thread is blocked: ok at first, stalled once the loop has not run for stallMs', () => {
    const out = new Int32Array(new SharedArrayBuffer(4 * 11));
    const probes = new Worker(PROBES, {
      eval: true,
      workerData: { out: out.buffer, url: health.url, atMs: [0, 1500] },
    });
    // Blocks this thread's event loop (no heartbeat) until the probes are done, 5 s at most.
    Atomics.wait(out, 0, 0, 5_000);
    void probes.terminate();
    expect(Atomics.load(out, 0)).toBe(1);
    expect([out[1], out[2]]).toEqual([200, 503]);
    expect(out[10]).toBeGreaterThan(500);
  });
});
