/**
 * The HTTP transport for legacy systems reached over HTTP (permit SOAP, elevator REST): axios on
 * keep-alive agents, every request run through LegacyCalls so timeouts and counting apply.
 * Status codes are left to the adapter (a SOAP Fault arrives as HTTP 500 with a body to read).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse, isAxiosError } from 'axios';
import { LegacyError } from '../../graph/errors.ts';
import { type SystemName } from '../../graph/names.ts';
import { LegacyCalls, type LegacyCallsOptions } from './calls.ts';

export interface HttpTransportOptions extends Omit<LegacyCallsOptions, 'classify'> {
  readonly baseURL: string;
  /** Upper bound on sockets per legacy host; the legacy systems are small, do not flood them. */
  readonly maxSockets?: number;
}

export class HttpTransport {
  readonly calls: LegacyCalls;
  private readonly client: AxiosInstance;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: HttpTransportOptions) {
    const maxSockets = options.maxSockets ?? 32;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets }),
      https: new https.Agent({ keepAlive: true, maxSockets }),
    };
    this.calls = new LegacyCalls({ ...options, classify: (error) => classifyHttpError(options.system, error) });
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
   * SOAP Fault, an envelope error code) is recorded as that call's outcome, not as 'ok'.
   */
  request<T = AxiosResponse<string>>(
    operation: string,
    config: AxiosRequestConfig,
    options: { keys?: number; interpret?: (response: AxiosResponse<string>) => T } = {},
  ): Promise<T> {
    return this.calls.run(
      operation,
      async (signal) => {
        const response = await this.client.request<string>({ ...config, signal });
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
