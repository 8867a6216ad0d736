/**
 * GET /health on a port of its own, answered by a thread that does nothing else. Under a crowd the
 * gateway's thread is busy with requests (admitting, refusing, answering from the cache) and a probe on
 * its port waits its turn behind them; a load balancer's liveness probe must not, or it takes a working
 * replica out for being busy. The thread answers from a heartbeat the gateway's thread writes every
 * 100 ms: 200 while it is fresh, 503 with how long the gateway's event loop has not run once it is older
 * than `stallMs` (a thread stuck for that long is not alive for its clients either).
 *
 * The thread's code is plain JavaScript given to the Worker as text: it needs nothing but node:http, and
 * runs the same under tsx and in the compiled build.
 */
import { Worker } from 'node:worker_threads';

export interface HealthListener {
  readonly url: string;
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 100;

const THREAD = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const beat = new BigInt64Array(workerData.beat);
const server = http.createServer((req, res) => {
  const path = (req.url || '').split('?')[0];
  if (req.method !== 'GET' || path !== '/health') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
    return;
  }
  const silentMs = Date.now() - Number(Atomics.load(beat, 0));
  const alive = silentMs <= workerData.stallMs;
  res.writeHead(alive ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(alive ? { status: 'ok' } : { status: 'stalled', stalledMs: silentMs }));
});
server.on('error', (error) => parentPort.postMessage({ error: error.message }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
`;

export async function startHealthListener(host: string, port: number, stallMs: number): Promise<HealthListener> {
  const beat = new BigInt64Array(new SharedArrayBuffer(8));
  const tick = () => Atomics.store(beat, 0, BigInt(Date.now()));
  tick();
  const heartbeat = setInterval(tick, HEARTBEAT_MS);
  heartbeat.unref();
  const thread = new Worker(THREAD, { eval: true, workerData: { beat: beat.buffer, host, port, stallMs } });
  try {
    const listening = await new Promise<number>((resolve, reject) => {
      thread.once('message', (m: { port?: number; error?: string }) =>
        m.port === undefined ? reject(new Error(`health listener on ${host}:${port}: ${m.error}`)) : resolve(m.port),
      );
      thread.once('error', reject);
    });
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${listening}/health`,
      async stop() {
        clearInterval(heartbeat);
        await thread.terminate();
      },
    };
  } catch (error) {
    clearInterval(heartbeat);
    await thread.terminate();
    throw error;
  }
}
