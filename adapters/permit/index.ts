/** Factory of the permit system adapter: options checked once, naming the bad option. */
import type { CallObserver } from '../core/calls.ts';
import type { SystemGuard } from '../core/guard.ts';
import { HttpTransport } from '../core/http.ts';
import { withLastGoodAnswers } from '../core/last-good.ts';
import type { Logger } from '../../runtime/logger.ts';
import { PermitAdapter } from './adapter.ts';
import { SoapClient } from './soap-client.ts';
import type { PermitCredentials } from './ws-security.ts';

export type * from './types.ts';
export { PermitAdapter } from './adapter.ts';

/** The service's documented batch limit (legacy/permit README): keys per call and rows per page. */
const SERVICE_BATCH_LIMIT = 50;

export interface PermitAdapterOptions {
  /** The SOAP endpoint, e.g. http://127.0.0.1:4101/permit/ws. */
  readonly url: string;
  /** Per SOAP call. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly observers?: readonly CallObserver[];
  /** Keys per batch call and rows per page; default 50, the service's limit, and never above it. */
  readonly batchLimit?: number;
  /** The system's breaker, retry budget and settings, shared in the process; default one of its own. */
  readonly guard?: SystemGuard;
  /** The WS-Security account the ID-number lookup needs; without it, that lookup is refused by the service. */
  readonly credentials?: PermitCredentials;
}

/** Every SOAP operation the adapter calls: all queries (查询), safe to retry. */
const PERMIT_READS = [
  'licencesByHolder',
  'spotChecksByEnterprise',
  'certificatesByNumber',
  'certificatesByHolder',
  'searchLicences',
];

export function createPermitAdapter(options: PermitAdapterOptions): PermitAdapter {
  const batchLimit = options.batchLimit ?? SERVICE_BATCH_LIMIT;
  if (!Number.isInteger(batchLimit) || batchLimit < 1 || batchLimit > SERVICE_BATCH_LIMIT) {
    throw new Error(`createPermitAdapter: batchLimit must be 1..${SERVICE_BATCH_LIMIT}, got ${batchLimit}`);
  }
  try {
    new URL(options.url);
  } catch {
    throw new Error(`createPermitAdapter: url must be an absolute URL of the SOAP endpoint, got '${options.url}'`);
  }
  const logger = options.logger.child({ adapter: 'permit' });
  const transport = new HttpTransport({
    system: 'permit',
    baseURL: options.url,
    timeoutMs: options.timeoutMs,
    observers: options.observers ?? [],
    reads: PERMIT_READS,
    guard: options.guard,
  });
  // When the service fails, a request gets the last good answer it gave, marked stale (adapters/core/last-good.ts).
  return withLastGoodAnswers(
    new PermitAdapter(new SoapClient(transport, logger, options.credentials), logger, batchLimit),
    {
      batch: ['licencesByHolder', 'spotChecksByEnterprise', 'certificatesByNumber', 'certificatesByHolder'],
      whole: ['searchLicences'],
    },
    transport.calls.guard,
  );
}
