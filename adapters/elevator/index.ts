/** Factory of the smart-elevator platform adapter: options checked once, naming the bad option. */
import { type CallObserver } from '../core/calls.ts';
import type { SystemGuard } from '../core/guard.ts';
import { HttpTransport } from '../core/http.ts';
import { withLastGoodAnswers } from '../core/last-good.ts';
import { Pacer } from '../core/pacer.ts';
import type { Logger } from '../../runtime/logger.ts';
import { ElevatorAdapter } from './adapter.ts';
import { PLATFORM_READS, PlatformClient } from './client.ts';

export type * from './types.ts';
export { ElevatorAdapter } from './adapter.ts';

/** Below the platform's documented 200 calls per second per app key, leaving room for other clients' bursts. */
export const DEFAULT_RATE_PER_SECOND = 180;

/** The platform's documented caps (legacy/elevator README): page size and batch size. */
const PLATFORM_CAP = 100;

export interface ElevatorAdapterOptions {
  /** Base URL of the platform, e.g. http://127.0.0.1:4103. */
  readonly url: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** Per platform call (each retry attempt counts as one call). */
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly observers?: readonly CallObserver[];
  /** Records per platform page; default and maximum 100. */
  readonly pageSize?: number;
  /** Codes per batch call; default and maximum 100. */
  readonly batchLimit?: number;
  /** Calls per second this client allows itself (the platform documents 200 per app key); default 180. */
  readonly ratePerSecond?: number;
  /**
   * The platform's breaker, retry budget and settings, shared with the process's other elevator adapters; a 4290 (rate
   * limited) is retried by it like any failed read. Default: a guard of its own.
   */
  readonly guard?: SystemGuard;
  /** Clock for request timestamps: real time, never the seed's pinned clock. */
  readonly now?: () => number;
}

function withinCap(name: string, value: number | undefined): number {
  const v = value ?? PLATFORM_CAP;
  if (!Number.isInteger(v) || v < 1 || v > PLATFORM_CAP)
    throw new Error(`createElevatorAdapter: ${name} must be 1..${PLATFORM_CAP}, got ${v}`);
  return v;
}

export function createElevatorAdapter(options: ElevatorAdapterOptions): ElevatorAdapter {
  const limits = {
    pageSize: withinCap('pageSize', options.pageSize),
    batchLimit: withinCap('batchLimit', options.batchLimit),
  };
  if (!options.appKey || !options.appSecret)
    throw new Error('createElevatorAdapter: appKey and appSecret are required');
  const logger = options.logger.child({ adapter: 'elevator' });
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  if (!(rate > 0)) throw new Error(`createElevatorAdapter: ratePerSecond must be > 0, got ${rate}`);
  const transport = new HttpTransport({
    system: 'elevator',
    baseURL: options.url,
    timeoutMs: options.timeoutMs,
    observers: options.observers ?? [],
    reads: PLATFORM_READS,
    guard: options.guard,
    // A burst of one second's calls, then the steady rate: an index refresh paces itself instead of being refused.
    pacer: new Pacer(rate, rate),
  });
  const client = new PlatformClient(
    transport,
    { appKey: options.appKey, appSecret: options.appSecret },
    logger,
    options.now,
  );
  // When the platform fails, a request gets the last good answer it gave, marked stale (adapters/core/last-good.ts).
  // Alarms are not kept: they are asked for by time window, and an old window answers nothing asked now.
  return withLastGoodAnswers(
    new ElevatorAdapter(client, logger, limits),
    { batch: ['elevatorsByCode', 'lastMaintenanceByCode'], whole: ['searchElevators', 'maintenanceRecords'] },
    transport.calls.guard,
  );
}
