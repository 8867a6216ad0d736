/**
 * The smart-elevator platform stand-in: signed REST/JSON on node:http. Order of checks per request,
 * as the real gateway does them: outage → route → signature → rate limit → fault injection → handler.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENDPOINTS } from './api.ts';
import { ApiError, CODE } from './codes.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit, TokenBuckets } from './rate-limit.ts';
import { createAuthenticator } from './signature.ts';
import type { DtAlarm } from './records.ts';
import { type AlarmAction, type RaisedAlarm, applyAlarmAction } from './raise.ts';
import { loadElevatorStore } from './store.ts';
import { closeServer, readBody } from '../../runtime/http-body.ts';
import { type FaultControl, HeldRequests, faultsFor } from '../faults.ts';

interface ElevatorFaults {
  /** Added to every answer. */
  readonly latencyMs: number;
  /** Share of signed requests answered with 5000 (0..1). */
  readonly errorRate: number;
  /** Every request answered 503 with 5030 (系统维护中). */
  readonly outage: boolean;
  /** Requests are accepted and never answered (a gateway whose upstream is stuck). */
  readonly hang: boolean;
}

export interface ElevatorStandInOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  readonly apps: readonly { appKey: string; appSecret: string }[];
  readonly rateLimit?: RateLimit;
  /** Injected for tests of the timestamp window; defaults to Date.now. */
  readonly now?: () => number;
}

export interface RunningElevatorStandIn {
  readonly url: string;
  readonly port: number;
  /** Records its store loaded: elevators, maintenance records and alarms (the start logs it). */
  readonly records: number;
  setFaults(faults: Partial<ElevatorFaults>): void;
  /** The modes of legacy/faults.ts (down, slow, errors, hang, heal), for the admin route. */
  readonly faultControl: FaultControl;
  /** Records an alarm as a device would report it now (for demonstrations and tests of the feed). */
  appendAlarm(alarm: Omit<DtAlarm, 'xh'>): DtAlarm;
  /** Raises an alarm at `now` (epoch ms), or records a later state of one (raise.ts; `npm run alarm`). */
  applyAlarmAction(action: AlarmAction, now: number): RaisedAlarm;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

export async function startElevatorStandIn(options: ElevatorStandInOptions): Promise<RunningElevatorStandIn> {
  const store = loadElevatorStore(options.dir);
  const auth = createAuthenticator(options.apps, options.now);
  const buckets = new TokenBuckets(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.now);
  const healthy: ElevatorFaults = { latencyMs: 0, errorRate: 0, outage: false, hang: false };
  let faults = healthy;
  const held = new HeldRequests();

  async function answer(req: http.IncomingMessage, body: string): Promise<{ status: number; envelope: unknown }> {
    if (faults.outage) throw new ApiError(CODE.MAINTENANCE, '系统维护中', 503);
    const url = new URL(req.url ?? '/', 'http://platform');
    const endpoint = ENDPOINTS[url.pathname];
    if (!endpoint || endpoint.method !== req.method) throw new ApiError(CODE.NO_SUCH_API, '接口不存在', 404);
    const params = new Map(url.searchParams);
    const appKey = auth.verify({ method: req.method, path: url.pathname, params, headers: req.headers, body });
    const token = buckets.take(appKey);
    if (!token.ok) throw new ApiError(CODE.RATE_LIMITED, '请求过于频繁', 200, { retryAfterMs: token.retryAfterMs });
    if (faults.errorRate > 0 && Math.random() < faults.errorRate)
      throw new ApiError(CODE.INTERNAL, '系统内部错误', 500);
    let json: unknown = null;
    if (endpoint.method === 'POST') {
      try {
        json = JSON.parse(body);
      } catch {
        throw new ApiError(CODE.BAD_PARAMETER, '参数错误: 请求体不是JSON');
      }
    }
    return { status: 200, envelope: { code: CODE.OK, msg: 'success', data: endpoint.handle(store, params, json) } };
  }

  const server = http.createServer((req, res) => {
    if (faults.hang)
      return void res.once(
        'close',
        held.hold(() => res.destroy()),
      );
    // Every failure is turned into an envelope by the catch below, so nothing is left to reject.
    void readBody(req, MAX_BODY_BYTES)
      .then(async (body) => {
        if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
        if (body === undefined) throw new ApiError(CODE.BAD_PARAMETER, '参数错误: 请求体过大', 413);
        return answer(req, body);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError)
          return { status: error.httpStatus, envelope: { code: error.code, msg: error.message, data: error.data } };
        return { status: 500, envelope: { code: CODE.INTERNAL, msg: '系统内部错误', data: null } };
      })
      .then(({ status, envelope }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(envelope));
      });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    records: store.elevators.length + store.maintenance.length + store.alarms.length,
    setFaults(f) {
      faults = { ...faults, ...f };
      if (!faults.hang) held.releaseAll();
    },
    faultControl: {
      apply(request) {
        faults = request.mode === 'heal' ? healthy : { ...faults, ...faultsFor(request) };
        if (!faults.hang) held.releaseAll();
      },
      state: () => ({ ...faults, hungRequests: held.size }),
    },
    appendAlarm: (alarm) => store.appendAlarm(alarm),
    applyAlarmAction: (action, now) => applyAlarmAction(store, action, now),
    async stop() {
      held.releaseAll();
      await closeServer(server);
    },
  };
}
