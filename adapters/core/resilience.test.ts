/**
 * Deadlines, the breaker, the retry budget and stale answers, against a real HTTP server on loopback
 * that counts what reaches it: a call that is "not sent" must never arrive there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { RequestScope, runInRequestScope } from '../../runtime/request-scope.ts';
import { RESILIENCE_DEFAULTS, type ResilienceSettings, SystemGuard } from './guard.ts';
import { HttpTransport } from './http.ts';
import { withLastGoodAnswers } from './last-good.ts';
import { RetryBudget } from './retry-budget.ts';

/** What the server does with each request, and what it saw. */
const server = {
  mode: 'ok' as 'ok' | 'fail' | 'hang' | 'slow',
  received: 0,
  /** Requests per path: a late request of an earlier test cannot be counted in a later one. */
  paths: new Map<string, number>(),
  closedEarly: 0,
  held: new Set<http.ServerResponse>(),
};
let httpServer: http.Server;
let base: string;

beforeAll(async () => {
  httpServer = http.createServer((req, res) => {
    server.received++;
    server.paths.set(req.url ?? '', (server.paths.get(req.url ?? '') ?? 0) + 1);
    res.on('close', () => {
      if (!res.writableFinished) server.closedEarly++;
      server.held.delete(res);
    });
    if (server.mode === 'fail') return void res.writeHead(503).end('down');
    if (server.mode === 'hang') return void server.held.add(res);
    if (server.mode === 'slow') return void setTimeout(() => res.end('late'), 1000);
    res.end(`answer ${req.url}`);
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of server.held) res.destroy();
  await new Promise<void>((r) => httpServer.close(() => r()));
});
beforeEach(() => {
  server.mode = 'ok';
  server.received = 0;
  server.closedEarly = 0;
});

function settings(overrides: {
  breaker?: Partial<ResilienceSettings['breaker']>;
  retry?: Partial<ResilienceSettings['retry']>;
  queueTimeoutMs?: number;
}): ResilienceSettings {
  return {
    ...RESILIENCE_DEFAULTS,
    breaker: { ...RESILIENCE_DEFAULTS.breaker, ...overrides.breaker },
    retry: { ...RESILIENCE_DEFAULTS.retry, ...overrides.retry },
    queueTimeoutMs: overrides.queueTimeoutMs ?? RESILIENCE_DEFAULTS.queueTimeoutMs,
  };
}

/** A transport whose reads fail on 5xx, as the adapters' interpreters make them. */
function transport(guard: SystemGuard, options: { timeoutMs?: number; maxSockets?: number } = {}) {
  const t = new HttpTransport({
    system: 'permit',
    baseURL: base,
    timeoutMs: options.timeoutMs ?? 2000,
    maxSockets: options.maxSockets,
    reads: ['read'],
    guard,
  });
  const read = (path = '/') =>
    t.request(
      'read',
      { url: path },
      {
        interpret: (r) => {
          if (r.status >= 500) throw new LegacyError('LEGACY_UNAVAILABLE', 'permit', `HTTP ${r.status}`);
          return r.data;
        },
      },
    );
  return { t, read };
}

const inScope = <T>(deadlineInMs: number, work: (scope: RequestScope) => Promise<T>) => {
  const scope = new RequestScope(Date.now() + deadlineInMs);
  return runInRequestScope(scope, () => work(scope)).finally(() => scope.dispose());
};

describe('deadlines', () => {
  it('never sends a call still queued for a connection when the deadline passes', async () => {
    server.mode = 'slow';
    const { t, read } = transport(new SystemGuard('permit', settings({ retry: { maxRetries: 0 } })), {
      maxSockets: 1,
    });
    const [first, queued] = await inScope(400, () =>
      Promise.allSettled([read('/first'), read('/queued')]).then((r) => r.map((x) => x.status)),
    );
    expect([first, queued]).toEqual(['rejected', 'rejected']);
    await new Promise((r) => setTimeout(r, 50));
    // The first call was sent (and aborted at the deadline); the queued one never reached the server.
    expect(server.paths.get('/first')).toBe(1);
    expect(server.paths.get('/queued')).toBeUndefined();
    t.close();
  });

  it('aborts a running call at the deadline: the server sees its connection close', async () => {
    server.mode = 'hang';
    const { t, read } = transport(new SystemGuard('permit', RESILIENCE_DEFAULTS), { timeoutMs: 5000 });
    const started = performance.now();
    const error = await inScope(150, () => read()).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ extensions: { code: 'LEGACY_TIMEOUT', system: 'permit' } });
    expect((error as Error).message).toContain("abandoned at the request's deadline");
    expect(elapsed).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.received).toBe(1);
    expect(server.closedEarly).toBe(1);
    t.close();
  });

  it('drops a call whose request is already over without sending it', async () => {
    const { t, read } = transport(new SystemGuard('permit', RESILIENCE_DEFAULTS));
    const scope = new RequestScope(Date.now() + 1000);
    scope.cancel();
    const error = await runInRequestScope(scope, () => read()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('permit system was not asked read: the caller had gone away');
    expect(server.received).toBe(0);
    t.close();
  });

  it('bounds the wait for a connection separately from the response time', async () => {
    server.mode = 'hang';
    const guard = new SystemGuard('permit', settings({ queueTimeoutMs: 50, retry: { maxRetries: 0 } }));
    const { t, read } = transport(guard, { maxSockets: 1, timeoutMs: 3000 });
    const hung = read('/hung').catch((e: unknown) => e);
    const started = performance.now();
    const waited = await read('/waiting').catch((e: unknown) => e);
    expect(waited).toMatchObject({ extensions: { code: 'LEGACY_TIMEOUT' } });
    expect((waited as Error).message).toContain('no connection to it was free within 50 ms');
    expect(performance.now() - started).toBeLessThan(1000);
    t.close();
    await hung;
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, then fails fast without reaching the system', async () => {
    server.mode = 'fail';
    const guard = new SystemGuard(
      'permit',
      settings({ breaker: { consecutiveFailures: 3 }, retry: { maxRetries: 0 } }),
    );
    const { t, read } = transport(guard);
    for (let i = 0; i < 3; i++)
      await expect(read()).rejects.toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE' } });
    expect(guard.state).toBe('open');
    expect(server.received).toBe(3);
    for (let i = 0; i < 10; i++) await expect(read()).rejects.toThrow('circuit breaker is open');
    expect(server.received).toBe(3);
    t.close();
  });

  it('half-opens after its time, lets one trial through, and closes when the system answers again', async () => {
    server.mode = 'fail';
    const guard = new SystemGuard(
      'permit',
      settings({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 100 }, retry: { maxRetries: 0 } }),
    );
    const { t, read } = transport(guard);
    await read().catch(() => undefined);
    await read().catch(() => undefined);
    expect(guard.state).toBe('open');
    await new Promise((r) => setTimeout(r, 150));
    // Still failing: the trial fails and the breaker opens again.
    await expect(read()).rejects.toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE' } });
    expect(guard.state).toBe('open');
    server.mode = 'ok'; // healed
    await expect(read()).rejects.toThrow('circuit breaker is open');
    await new Promise((r) => setTimeout(r, 150));
    server.received = 0;
    const [trial, ...others] = await Promise.allSettled([read('/trial'), read('/a'), read('/b')]);
    expect(trial).toMatchObject({ status: 'fulfilled', value: 'answer /trial' });
    // One trial while half-open: the others failed fast, never sent.
    expect(others.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(server.received).toBe(1);
    expect(guard.state).toBe('closed');
    await expect(read('/after')).resolves.toBe('answer /after');
    t.close();
  });

  it('does not count calls abandoned at the deadline as the system failing', async () => {
    server.mode = 'slow';
    const guard = new SystemGuard(
      'permit',
      settings({ breaker: { consecutiveFailures: 2 }, retry: { maxRetries: 0 } }),
    );
    const { t, read } = transport(guard);
    for (let i = 0; i < 4; i++) await inScope(20, () => read()).catch(() => undefined);
    expect(guard.state).toBe('closed');
    t.close();
  });
});

describe('retries', () => {
  it('retries a failed read with backoff, but never a write', async () => {
    server.mode = 'fail';
    const guard = new SystemGuard('permit', settings({ retry: { maxRetries: 2, baseDelayMs: 5 } }));
    const { t, read } = transport(guard);
    await expect(read('/retried')).rejects.toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE' } });
    expect(server.paths.get('/retried')).toBe(3);
    await expect(t.request('applyFile', { url: '/write' })).resolves.toMatchObject({ status: 503 });
    const write = t.request(
      'applyFile',
      { url: '/write' },
      {
        interpret: () => {
          throw new LegacyError('LEGACY_UNAVAILABLE', 'permit', 'refused');
        },
      },
    );
    await expect(write).rejects.toThrow('refused');
    expect(server.paths.get('/write')).toBe(2);
    t.close();
  });

  it('keeps retries within the budget when every call fails', async () => {
    server.mode = 'fail';
    const guard = new SystemGuard(
      'permit',
      settings({
        breaker: { consecutiveFailures: 1000, failureRatio: 0.99, ratioWindow: 10_000 },
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, budgetRatio: 0.1, budgetMinPerSecond: 0 },
      }),
    );
    const { t, read } = transport(guard);
    for (let i = 0; i < 100; i++) await read('/budget').catch(() => undefined);
    // 100 first attempts; without a budget, 300 retries. With it: at most 10% of the calls.
    const sent = server.paths.get('/budget')!;
    expect(sent - 100).toBeLessThanOrEqual(10);
    expect(sent - 100).toBeGreaterThan(0);
    t.close();
  });

  it('budget: a reserve per second, a share of calls, and a window that forgets', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.1, minPerSecond: 0, windowMs: 2000, now: () => now });
    for (let i = 0; i < 20; i++) budget.recordCall();
    expect(budget.canRetry()).toBe(true);
    budget.recordRetry();
    budget.recordRetry();
    expect(budget.canRetry()).toBe(false);
    now += 2500; // the window has moved past both calls and retries
    expect(budget.canRetry()).toBe(false);
    for (let i = 0; i < 10; i++) budget.recordCall();
    expect(budget.canRetry()).toBe(true);
  });
});

describe('stale answers', () => {
  const guard = () => new SystemGuard('permit', RESILIENCE_DEFAULTS);
  const unavailable = () => new LegacyError('LEGACY_UNAVAILABLE', 'permit', 'permit system is unreachable');

  it('serves the last good answer with its age when the system fails, null with the error when there is none', async () => {
    let now = 1_000_000;
    let down = false;
    const port = {
      async byKey(keys: readonly string[]) {
        if (down) throw unavailable();
        return keys.map((k) => `value of ${k}`);
      },
      async search(filter: { q: string }) {
        if (down) throw unavailable();
        return { items: [filter.q], total: 1 };
      },
    };
    const wrapped = withLastGoodAnswers(port, { batch: ['byKey'], whole: ['search'] }, guard(), () => now);
    await inScope(1000, async () => {
      expect(await wrapped.byKey(['a'])).toEqual(['value of a']);
      expect(await wrapped.search({ q: 'x' })).toEqual({ items: ['x'], total: 1 });
    });
    down = true;
    now += 42_000;
    const { answers, notes } = await inScope(1000, async (scope) => ({
      answers: [await wrapped.byKey(['a', 'b']), await wrapped.search({ q: 'x' })],
      notes: scope.staleNotes(),
    }));
    expect(answers[0]).toEqual([
      'value of a',
      expect.objectContaining({ extensions: { code: 'LEGACY_UNAVAILABLE', system: 'permit' } }),
    ]);
    expect(answers[1]).toEqual({ items: ['x'], total: 1 });
    expect(notes).toEqual([{ system: 'permit', ageSeconds: 42 }]);
    // Nothing kept for this key: the failure itself.
    await expect(inScope(1000, () => wrapped.byKey(['c']))).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE' },
    });
    await expect(inScope(1000, () => wrapped.search({ q: 'y' }))).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE' },
    });
  });

  it('serves no copy to background work, and keeps none from it', async () => {
    let down = false;
    const port = {
      async byKey(keys: readonly string[]) {
        if (down) throw unavailable();
        return keys.map((k) => `value of ${k}`);
      },
    };
    const wrapped = withLastGoodAnswers(port, { batch: ['byKey'], whole: [] }, guard());
    await wrapped.byKey(['a']); // no request scope: an index build
    down = true;
    await expect(inScope(1000, () => wrapped.byKey(['a']))).rejects.toMatchObject({
      extensions: { code: 'LEGACY_UNAVAILABLE' },
    });
    down = false;
    await inScope(1000, () => wrapped.byKey(['a']));
    down = true;
    await expect(wrapped.byKey(['a'])).rejects.toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE' } });
  });
});
