/**
 * The HTTP transport for legacy systems reached over HTTP (permit SOAP, elevator REST): axios on
 * keep-alive agents, every request run through LegacyCalls so deadlines, the breaker, retries,
 * timeouts and counting apply. At most `maxSockets` requests are in flight; a request waits for one of
 * them at most the guard's queueTimeoutMs (slots.ts), and its response timeout starts once it is sent.
 * Status codes are left to the adapter (a SOAP Fault arrives as HTTP 500 with a body to read).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse, isAxiosError } from 'axios';
import { LegacyError } from '../../graph/errors.ts';
import { type SystemName } from '../../graph/names.ts';
import { LegacyCalls, type LegacyCallsOptions } from './calls.ts';
import type { Pacer } from './pacer.ts';
import { CallSlots } from './slots.ts';

export interface HttpTransportOptions extends Omit<LegacyCallsOptions, 'classify' | 'admit'> {
  readonly baseURL: string;
  /** Upper bound on requests in flight to the legacy host; the legacy systems are small, do not flood them. */
  readonly maxSockets?: number;
  /** Paces calls to the system's documented rate; each attempt (a retry too) waits its turn. */
  readonly pacer?: Pacer;
}

export class HttpTransport {
  readonly calls: LegacyCalls;
  private readonly client: AxiosInstance;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: HttpTransportOptions) {
    const slots = new CallSlots(options.maxSockets ?? 32);
    // The slots bound what is in flight; the agents get room to spare so they never queue a request
    // themselves (a released socket returns to the agent a tick after its answer is read).
    const maxSockets = slots.size * 2;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets }),
      https: new https.Agent({ keepAlive: true, maxSockets }),
    };
    const pacer = options.pacer;
    this.calls = new LegacyCalls({
      ...options,
      classify: (error) => classifyHttpError(options.system, error),
      admit: async (signal) => {
        if (pacer) await pacer.take(signal);
        return slots.acquire(this.calls.guard.settings.queueTimeoutMs, signal);
      },
    });
    this.client = axios.create({
      baseURL: options.baseURL,
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // The adapter reads every status itself; axios must not throw on 4xx/5xx.
      validateStatus: () => true,
      // Legacy systems never redirect; following one would be an outbound call to an unconfigured host.
      maxRedirects: 0,
      proxy: false,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
    });
  }

  get system(): SystemName {
    return this.calls.system;
  }

  /**
   * One call. `interpret` reads the answer inside the call, so a legacy error found in the body (a
   * SOAP Fault, an envelope error code) is recorded as that call's outcome, not as 'ok'. `headers` is
   * asked again for each attempt (a signature with a fresh timestamp and nonce).
   */
  request<T = AxiosResponse<string>>(
    operation: string,
    config: AxiosRequestConfig,
    options: {
      keys?: number;
      interpret?: (response: AxiosResponse<string>) => T;
      headers?: () => Record<string, string>;
    } = {},
  ): Promise<T> {
    return this.calls.run(
      operation,
      async (signal) => {
        const headers = options.headers ? { ...config.headers, ...options.headers() } : config.headers;
        const response = await this.client.request<string>({ ...config, headers, signal });
        return options.interpret ? options.interpret(response) : (response as T);
      },
      { keys: options.keys },
    );
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function classifyHttpError(system: SystemName, error: unknown): LegacyError | undefined {
  if (!isAxiosError(error)) return undefined;
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
    return new LegacyError('LEGACY_TIMEOUT', system, `${system} system timed out`, { cause: error });
  }
  return new LegacyError(
    'LEGACY_UNAVAILABLE',
    system,
    `${system} system is unreachable (${error.code ?? 'network error'})`,
    { cause: error },
  );
}
