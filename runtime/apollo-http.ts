/**
 * Serves an ApolloServer on a plain node:http server (no framework): Apollo's own request
 * executor behind a small router, so the gateway and every subgraph share one HTTP path.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { closeServer, readBody } from './http-body.ts';
import { RequestScope, runInRequestScope } from './request-scope.ts';

/** A route of our own beside /graphql; return false to fall through to GraphQL or 404. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

/**
 * Runs before a GraphQL request is read or executed (never before the routes): resolves to the function to call
 * when the request is done, or to undefined once it has answered the request itself (a refusal).
 */
export type RequestGuard = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<(() => void) | undefined>;

export interface ApolloHttpOptions<C extends BaseContext> {
  readonly server: ApolloServer<C>;
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly routes?: readonly Route[];
  /** `body`: the request body as received ('' for none), for checks that sign or hash it. */
  readonly context: (req: http.IncomingMessage, requestId: string, body: string) => Promise<C>;
  /** Largest accepted request body; larger ones get 413 before any parsing. */
  readonly maxBodyBytes?: number;
  readonly guard?: RequestGuard;
  /**
   * The deadline (epoch ms) of a GraphQL request; when given, each request runs in a request scope
   * (runtime/request-scope.ts) that ends at the deadline or when the client goes away.
   */
  readonly deadline?: (req: http.IncomingMessage, requestId: string, body: string) => number;
  /** Takes HTTP upgrades (WebSocket subscriptions); without it an upgrade request's socket is closed. */
  readonly upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function listenApollo<C extends BaseContext>(options: ApolloHttpOptions<C>): Promise<RunningHttpServer> {
  const path = options.path ?? '/graphql';
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        }),
      );
      // Deliberately no details to the client; the server's own logging plugin has them.
      void error;
    });
  });
  httpServer.keepAliveTimeout = 65_000;
  httpServer.on('upgrade', options.upgrade ?? ((_req: http.IncomingMessage, socket: Duplex) => socket.destroy()));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const route of options.routes ?? []) {
      if (await route(req, res, url)) return;
    }
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const release = options.guard ? await options.guard(req, res) : () => undefined;
    if (!release) return;
    try {
      await execute(req, res, url);
    } finally {
      release();
    }
  }

  async function execute(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req, maxBody);
    if (body === undefined) {
      refuseOversizedBody(res, maxBody);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestId = headers.get('x-request-id') || randomUUID();
    const execute = () =>
      options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'GET',
          headers,
          search: url.search,
          body: parseJson(body, headers),
        },
        context: () => options.context(req, requestId, body),
      });
    let response: Awaited<ReturnType<typeof execute>>;
    if (options.deadline) {
      const scope = new RequestScope(options.deadline(req, requestId, body));
      // 'close' before the answer is written means the client went away: its work is abandoned.
      const onClose = () => scope.cancel();
      res.once('close', onClose);
      try {
        response = await runInRequestScope(scope, execute);
      } finally {
        res.off('close', onClose);
        scope.dispose();
      }
    } else response = await execute();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${path}`,
    port,
    async stop() {
      await closeServer(httpServer);
    },
  };
}

/** Apollo expects a parsed JSON body; a body that is not JSON is passed as text so Apollo answers 400. */
function parseJson(body: string, headers: HeaderMap): unknown {
  if (body === '') return undefined;
  if (!(headers.get('content-type') ?? '').includes('json')) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

/** The answer to a request body over `max` bytes (the GraphQL path's and the SSE transport's). */
export function refuseOversizedBody(res: http.ServerResponse, max: number): void {
  res.writeHead(413, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ errors: [{ message: `Request body over ${max} bytes`, extensions: { code: 'BAD_REQUEST' } }] }),
  );
}
