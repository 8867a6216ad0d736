import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder, LegacyCalls } from './calls.ts';
import { LegacyError } from '../../graph/errors.ts';
import { HttpTransport } from './http.ts';

describe('LegacyCalls', () => {
  it('reports each call to its observers with system, operation, keys and outcome', async () => {
    const recorder = new CallRecorder();
    const calls = new LegacyCalls({ system: 'permit', timeoutMs: 1000, observers: [recorder.observer] });
    await expect(calls.run('licencesByHolder', async () => 'ok', { keys: 50 })).resolves.toBe('ok');
    await expect(calls.run('licencesByHolder', async () => Promise.reject(new Error('boom')))).rejects.toMatchObject({
      code: 'LEGACY_UNAVAILABLE',
      system: 'permit',
      extensions: { code: 'LEGACY_UNAVAILABLE', system: 'permit' },
    });
    expect(recorder.calls.map(({ durationMs: _d, ...c }) => c)).toEqual([
      { system: 'permit', operation: 'licencesByHolder', keys: 50, outcome: 'ok' },
      { system: 'permit', operation: 'licencesByHolder', keys: 0, outcome: 'LEGACY_UNAVAILABLE' },
    ]);
    expect(recorder.count('permit', 'licencesByHolder')).toBe(2);
    expect(recorder.bySystem()).toEqual({ permit: 2 });
  });

  it('times out, aborts the work and says which system and operation', async () => {
    const calls = new LegacyCalls({ system: 'elevator', timeoutMs: 30 });
    let aborted = false;
    const error = await calls
      .run(
        'elevatorsByCode',
        (signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
            setTimeout(resolve, 500);
          }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect(error).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'elevator' });
    expect((error as Error).message).toBe('elevator system did not answer elevatorsByCode within 30 ms');
    expect(aborted).toBe(true);
  });

  it('passes a LegacyError from the work through unchanged', async () => {
    const calls = new LegacyCalls({ system: 'credit', timeoutMs: 100 });
    const original = new LegacyError('LEGACY_BAD_DATA', 'credit', 'row 3 is corrupt', { key: '91310000132260250X' });
    await expect(
      calls.run('read', async () => {
        throw original;
      }),
    ).rejects.toBe(original);
    expect(original.extensions).toEqual({ code: 'LEGACY_BAD_DATA', system: 'credit', key: '91310000132260250X' });
  });

  it('refuses a timeout that is not positive', () => {
    expect(() => new LegacyCalls({ system: 'credit', timeoutMs: 0 })).toThrow('timeoutMs must be > 0');
  });
});

describe('HttpTransport', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('late'), 400);
      else if (req.url === '/fault') res.writeHead(500, { 'content-type': 'text/xml' }).end('<fault/>');
      else res.end(`hello ${req.headers.connection}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('returns the body as text, on a keep-alive connection', async () => {
    const t = new HttpTransport({ system: 'permit', baseURL: base, timeoutMs: 1000 });
    const response = await t.request('ping', { url: '/' });
    expect(response.data).toBe('hello keep-alive');
    t.close();
  });

  it('leaves error statuses to the adapter, with the body', async () => {
    const t = new HttpTransport({ system: 'permit', baseURL: base, timeoutMs: 1000 });
    const response = await t.request('fault', { url: '/fault' });
    expect(response.status).toBe(500);
    expect(response.data).toBe('<fault/>');
    t.close();
  });

  it('records an error found in the body as the call outcome', async () => {
    const recorder = new CallRecorder();
    const t = new HttpTransport({ system: 'permit', baseURL: base, timeoutMs: 1000, observers: [recorder.observer] });
    const interpret = (r: { status: number; data: string }) => {
      if (r.data === '<fault/>') throw new LegacyError('LEGACY_UNAVAILABLE', 'permit', 'Fault');
      return r.data.length;
    };
    await expect(t.request('fault', { url: '/fault' }, { interpret })).rejects.toMatchObject({
      code: 'LEGACY_UNAVAILABLE',
    });
    await expect(t.request('ping', { url: '/' }, { interpret })).resolves.toBe('hello keep-alive'.length);
    expect(recorder.calls.map((c) => [c.operation, c.outcome])).toEqual([
      ['fault', 'LEGACY_UNAVAILABLE'],
      ['ping', 'ok'],
    ]);
    t.close();
  });

  it('maps a slow answer to LEGACY_TIMEOUT and a refused connection to LEGACY_UNAVAILABLE', async () => {
    const recorder = new CallRecorder();
    const slow = new HttpTransport({
      system: 'elevator',
      baseURL: base,
      timeoutMs: 50,
      observers: [recorder.observer],
    });
    await expect(slow.request('slow', { url: '/slow' })).rejects.toMatchObject({
      code: 'LEGACY_TIMEOUT',
      system: 'elevator',
    });
    slow.close();

    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = new HttpTransport({
      system: 'elevator',
      baseURL: `http://127.0.0.1:${port}`,
      timeoutMs: 1000,
      observers: [recorder.observer],
    });
    const error = await dead.request('ping', { url: '/' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'elevator' });
    expect((error as Error).message).toContain('ECONNREFUSED');
    dead.close();
    expect(recorder.calls.map((c) => c.outcome)).toEqual(['LEGACY_TIMEOUT', 'LEGACY_UNAVAILABLE']);
  });
});
