/**
 * The platform client: one signed request hook on top of HttpTransport, the envelope read once, the
 * envelope codes mapped to the error taxonomy. A rate-limit answer (4290) becomes LEGACY_RATE_LIMITED
 * with the platform's retryAfterMs hint; adapters/core retries it like any failed read (backoff no
 * shorter than the hint, within the system's retry budget), and paces every attempt to the platform's
 * documented rate (the pacer is the transport's). Every method here is a read, safe to repeat, which is
 * the only reason it may be retried; a write must never be declared a read.
 */
import type { AxiosResponse } from 'axios';
import { type HttpTransport } from '../core/http.ts';
import { withRetryAfter } from '../core/failures.ts';
import { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import { envelope } from './records.ts';
import { type Credentials, signRequest } from './signer.ts';

const RATE_LIMITED = 4290;

/** Every platform call the adapter makes: all reads, safe to retry. */
export const PLATFORM_READS = [
  'elevatorBatch',
  'lastMaintenanceBatch',
  'elevatorPage',
  'maintenancePage',
  'alarmPage',
  'alarmFeed',
] as const;

export interface PlatformRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Keys a batch call carries, for call counting. */
  readonly keys?: number;
}

export class PlatformClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: Credentials,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  close(): void {
    this.transport.close();
  }

  /** Returns the envelope's data for code 0; throws a LegacyError otherwise. */
  read(request: PlatformRequest): Promise<unknown> {
    const query = request.query ?? {};
    const body = request.body === undefined ? '' : JSON.stringify(request.body);
    const search = new URLSearchParams(query).toString();
    return this.transport.request(
      request.operation,
      {
        method: request.method,
        url: search ? `${request.path}?${search}` : request.path,
        data: body || undefined,
      },
      {
        keys: request.keys ?? 0,
        // Signed per attempt: a retry carries a fresh timestamp and nonce.
        headers: () => ({
          ...signRequest(this.credentials, { method: request.method, path: request.path, query, body }, this.now()),
          ...(body ? { 'content-type': 'application/json' } : {}),
        }),
        interpret: (response) => this.envelope(request, response),
      },
    );
  }

  /** The data of code 0; every other envelope code is thrown as taxonomy, inside the call. */
  private envelope(request: PlatformRequest, response: AxiosResponse<string>): unknown {
    const parsed = envelope.safeParse(safeJson(response.data));
    if (!parsed.success) {
      if (response.status >= 500)
        throw new LegacyError(
          'LEGACY_UNAVAILABLE',
          'elevator',
          `elevator platform failed on ${request.operation} (HTTP ${response.status})`,
        );
      throw new LegacyError(
        'LEGACY_BAD_DATA',
        'elevator',
        `elevator platform answered ${request.operation} with no readable envelope (HTTP ${response.status})`,
      );
    }
    const { code, msg, data } = parsed.data;
    if (code === 0) return data;
    if (code === RATE_LIMITED) {
      const hint = Number((data as { retryAfterMs?: unknown } | null)?.retryAfterMs) || 0;
      throw withRetryAfter(
        new LegacyError('LEGACY_RATE_LIMITED', 'elevator', `elevator platform rate-limited ${request.operation}`),
        hint,
      );
    }
    // Signature and parameter refusals are our misconfiguration or bug, not the caller's: to the
    // caller the platform is unavailable; the log says which.
    this.logger.error(
      { operation: request.operation, platformCode: code, platformMsg: msg, status: response.status },
      'elevator platform refused a request',
    );
    throw new LegacyError(
      'LEGACY_UNAVAILABLE',
      'elevator',
      `elevator platform refused ${request.operation} (code ${code})`,
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
