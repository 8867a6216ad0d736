/** The admission gate: places, a FIFO queue with a timeout, clients that leave, releases counted once. */
import { describe, expect, it } from 'vitest';
import { type Admission, AdmissionGate } from './admission.ts';

const admitted = (a: Admission) => {
  if (!a.admitted) throw new Error(`refused: ${a.reason}`);
  return a;
};

describe('admission gate', () => {
  it('admits up to the limit at once, queues in arrival order, refuses beyond the queue', async () => {
    const states: string[] = [];
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 2, queueTimeoutMs: 10_000 }, (s) =>
      states.push(`${s.inFlight}/${s.queued}`),
    );
    const first = admitted(await gate.enter());
    expect(first.queued).toBe(false);
    const order: string[] = [];
    const second = gate.enter().then((a) => (order.push('second'), admitted(a)));
    const third = gate.enter().then((a) => (order.push('third'), admitted(a)));
    expect(await gate.enter()).toEqual({ admitted: false, reason: 'queue_full' });
    first.release();
    first.release(); // a second release frees nothing more
    const s = await second;
    expect(s.queued).toBe(true);
    expect(order).toEqual(['second']);
    s.release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(states).toEqual(['1/0', '1/1', '1/2', '1/1', '1/0', '0/0']);
  });

  it('refuses a request that waited its timeout, and one whose client left, freeing their places', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: 20 });
    const holder = admitted(await gate.enter());
    expect(await gate.enter()).toEqual({ admitted: false, reason: 'queue_timeout' });
    const client = new AbortController();
    const leaving = gate.enter(client.signal);
    client.abort();
    expect(await leaving).toEqual({ admitted: false, reason: 'client_gone' });
    expect(await gate.enter(client.signal)).toEqual({ admitted: false, reason: 'client_gone' });
    holder.release();
    admitted(await gate.enter()).release();
  });
});
