/**
 * The HTTP client of one subgraph: an undici Pool of keep-alive connections to its origin, POSTing
 * GraphQL bodies and reading the answer as text. Apollo's default fetcher (make-fetch-happen, with a
 * node-fetch Request built per fetch) and even Node's global fetch cost measurably more per fetch on
 * the gateway's one core (bench/README.md, "Gateway against stock Apollo").
 */
import { Pool } from 'undici';

export interface SubgraphAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
}

/** Idle connections are kept this long (below the subgraph servers' own keep-alive of 65 s). */
const KEEP_ALIVE_MS = 60_000;

export class SubgraphHttp {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(url: string) {
    const target = new URL(url);
    this.pool = new Pool(target.origin, { keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS });
    this.path = `${target.pathname}${target.search}`;
  }

  async post(body: string, headers: Record<string, string>, signal: AbortSignal): Promise<SubgraphAnswer> {
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body, signal });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      text: await response.body.text(),
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
