/**
 * The platform client: one signed request hook on top of HttpTransport, the envelope read once, the
 * envelope codes mapped to the error taxonomy, pacing to the platform's rate, and rate-limit back-off. Every method
 * here is a read,
 * safe to repeat, which is the only reason retrying on 4290 is allowed; a write must never go through
 * the retry path.
 */
import type { AxiosResponse } from 'axios';
import { type HttpTransport } from '../core/http.ts';
import { LegacyError } from '../../graph/errors.ts';
import type { Pacer } from '../core/pacer.ts';
import type { Logger } from '../../runtime/logger.ts';
import { envelope } from './records.ts';
import { type Credentials, signRequest } from './signer.ts';

const RATE_LIMITED = 4290;

export interface RetryPolicy {
  /** Retries after a 4290 before giving up with LEGACY_RATE_LIMITED. */
  readonly maxRetries: number;
  /** First back-off; doubled per retry, never below the platform's retryAfterMs hint. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 2000 };

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
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly now: () => number = Date.now,
    /** Keeps calls within the platform's documented rate, so 4290 stays the exception. */
    private readonly pacer?: Pacer,
  ) {}

  close(): void {
    this.transport.close();
  }

  /** Returns the envelope's data for code 0; throws a LegacyError otherwise. */
  async read(request: PlatformRequest): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      await this.pacer?.take();
      const answer = await this.attempt(request);
      if (answer.code !== RATE_LIMITED) return answer.data;
      if (attempt >= this.retry.maxRetries) {
        throw new LegacyError(
          'LEGACY_RATE_LIMITED',
          'elevator',
          `elevator platform kept rate-limiting ${request.operation} after ${attempt + 1} attempts`,
        );
      }
      const hint = Number((answer.data as { retryAfterMs?: unknown } | null)?.retryAfterMs) || 0;
      const delay =
        Math.min(this.retry.maxDelayMs, Math.max(hint, this.retry.baseDelayMs * 2 ** attempt)) *
        (1 + Math.random() * 0.2);
      this.logger.warn(
        { operation: request.operation, attempt: attempt + 1, delayMs: Math.round(delay) },
        'elevator platform rate-limited; backing off',
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** One signed attempt: code 0 and 4290 come back, every other outcome is thrown as taxonomy. */
  private attempt(request: PlatformRequest): Promise<{ code: number; data: unknown }> {
    const query = request.query ?? {};
    const body = request.body === undefined ? '' : JSON.stringify(request.body);
    const headers = signRequest(
      this.credentials,
      { method: request.method, path: request.path, query, body },
      this.now(),
    );
    const search = new URLSearchParams(query).toString();
    return this.transport.request(
      request.operation,
      {
        method: request.method,
        url: search ? `${request.path}?${search}` : request.path,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        data: body || undefined,
      },
      { keys: request.keys ?? 0, interpret: (response) => this.envelope(request, response) },
    );
  }

  /** Code 0 and 4290 come back; every other envelope code is thrown as taxonomy, inside the call. */
  private envelope(request: PlatformRequest, response: AxiosResponse<string>): { code: number; data: unknown } {
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
    if (code === 0 || code === RATE_LIMITED) return { code, data };
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
