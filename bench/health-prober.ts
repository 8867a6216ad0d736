/**
 * A /health prober on a thread of its own: the benches' clients parse answers on their own event loop,
 * and a probe timed on that loop would count the bench's own lag as the gateway's.
 */
import { Worker } from 'node:worker_threads';

export interface HealthProbes {
  /** Each probe's time, sorted, in ms (a failed probe counts its time to fail). */
  readonly times: number[];
  readonly failed: number;
}

const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, every, timeout } = workerData;
let running = true;
parentPort.once('message', () => { running = false; });
(async () => {
  const times = [];
  let failed = 0;
  while (running) {
    const started = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeout) });
      await res.text();
      if (!res.ok) failed++;
    } catch { failed++; }
    const ms = performance.now() - started;
    times.push(ms);
    if (ms < every) await new Promise((r) => setTimeout(r, every - ms));
  }
  parentPort.postMessage({ times, failed });
})();
`;

/** Probes `healthUrl` (a GET) every `everyMs` while `work` runs; its result and the probes. */
export async function probeHealthWhile<T>(
  healthUrl: string,
  work: Promise<T>,
  everyMs: number,
  timeoutMs: number,
): Promise<{ result: T; health: HealthProbes }> {
  const prober = new Worker(PROBER, {
    eval: true,
    workerData: { url: healthUrl, every: everyMs, timeout: timeoutMs },
  });
  const probed = new Promise<HealthProbes>((resolve, reject) => {
    prober.once('message', resolve);
    prober.once('error', reject);
  });
  try {
    const result = await work;
    prober.postMessage('stop');
    const health = await probed;
    health.times.sort((a, b) => a - b);
    return { result, health };
  } finally {
    await prober.terminate();
  }
}
