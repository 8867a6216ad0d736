/** Calls between two ends of a message channel: answers, errors, notifications in order, closing. */
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadRpc } from './thread-rpc.ts';

interface Server {
  [method: string]: (arg: never) => unknown;
  double(x: number): number;
  slow(ms: number): Promise<string>;
  fail(message: string): never;
  note(x: number): void;
  flush(arg: null): number[];
}

const channels: MessageChannel[] = [];
function pair() {
  const channel = new MessageChannel();
  channels.push(channel);
  const notes: number[] = [];
  new ThreadRpc<Server, Record<string, never>>(channel.port1, {
    double: (x) => x * 2,
    slow: (ms) => new Promise((resolve) => setTimeout(() => resolve(`after ${ms}`), ms)),
    fail: (message) => {
      throw new Error(message);
    },
    note: (x) => void notes.push(x),
    flush: () => [...notes],
  });
  return new ThreadRpc<Record<string, never>, Server>(channel.port2, {});
}
afterEach(() => {
  for (const c of channels.splice(0)) c.port1.close();
});

describe('ThreadRpc', () => {
  it('answers calls, each with its own answer, whatever order they finish in', async () => {
    const client = pair();
    expect(await Promise.all([client.call('slow', 30), client.call('double', 21), client.call('slow', 1)])).toEqual([
      'after 30',
      42,
      'after 1',
    ]);
  });

  it("returns a thrown error's message as a rejected call", async () => {
    await expect(pair().call('fail', 'no such index')).rejects.toThrow('no such index');
  });

  it('a call answered after notifications tells they have all been handled', async () => {
    const client = pair();
    for (let i = 0; i < 100; i++) client.notify('note', i);
    expect(await client.call('flush', null)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('fails the calls still waiting when closed', async () => {
    const client = pair();
    const waiting = client.call('slow', 10_000);
    client.close('gone');
    await expect(waiting).rejects.toThrow('gone');
  });
});
