/**
 * Subscriptions over Server-Sent Events (graphql-sse's protocol, distinct connections mode) on the
 * gateway's /graphql, for networks whose proxies block WebSockets: a POST (or GET) with
 * `accept: text/event-stream`, identified by the request's own headers as any HTTP request. One
 * subscription per stream; the stream closes when the subscription ends, the consumer is slow, or its
 * credential is revoked.
 */
import type http from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse';
import { type Route, refuseOversizedBody } from '../../runtime/apollo-http.ts';
import { readBody } from '../../runtime/http-body.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { LiveService } from './service.ts';
import type { LiveStream } from './stream.ts';

interface StreamContext extends Record<PropertyKey, unknown> {
  readonly stream: LiveStream;
}

export interface SseTransport {
  readonly route: Route;
  /** Ends every open stream: their subscriptions were completed, so each ends by itself unless it is stuck. */
  stop(): Promise<void>;
}

export function sseTransport(options: {
  readonly service: LiveService;
  readonly schema: () => GraphQLSchema | undefined;
  readonly path: string;
  readonly logger: Logger;
  /** The largest body read (graphql-sse keeps no limit of its own). */
  readonly maxMessageBytes: number;
}): SseTransport {
  const { service } = options;
  const open = new Set<http.ServerResponse>();
  const handler = createHandler<http.IncomingMessage, { readonly res: http.ServerResponse }, StreamContext>({
    onSubscribe: async (req, params) => {
      const schema = options.schema();
      if (!schema) return [null, { status: 503, statusText: 'Service Unavailable' }];
      let identity;
      try {
        identity = await service.identify(req.raw);
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'not identified';
        return [
          JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }),
          { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json' } },
        ];
      }
      const prepared = service.prepare(identity, { ...params, query: params.query });
      if (!('plan' in prepared)) return refusal(prepared);
      const res = req.context.res;
      let stream;
      try {
        stream = service.open(prepared, req.raw, () => res.destroy());
      } catch (error) {
        return refusal([error as GraphQLError]);
      }
      open.add(res);
      res.once('close', () => {
        open.delete(res);
        void stream.return();
      });
      return {
        schema,
        document: prepared.document,
        variableValues: params.variables,
        operationName: params.operationName,
        contextValue: { stream },
      };
    },
    subscribe: (args) => args.contextValue.stream,
  });
  return {
    route: async (req, res, url) => {
      if (url.pathname !== options.path || !isEventStream(req)) return false;
      // graphql-sse's node adapter reads a body whole with no limit of its own; its protocol handler is given
      // the body read here instead, counted as it arrives: a declared or chunked body over the limit is
      // refused at the chunk that crosses it, nothing more kept.
      const body = await readBody(req, options.maxMessageBytes);
      if (body === undefined) {
        refuseOversizedBody(res, options.maxMessageBytes);
        return true;
      }
      const [answer, init] = await handler({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: {
          get: (key) => {
            const value = req.headers[key];
            return Array.isArray(value) ? value.join('\n') : value;
          },
        },
        body,
        raw: req,
        context: { res },
      });
      res.writeHead(init.status, init.statusText, init.headers);
      if (answer === null || typeof answer === 'string') res.end(answer);
      else await writeStream(res, answer);
      return true;
    },
    async stop() {
      // graphql-sse writes the complete event and ends each stream; one not drained by then is cut.
      if (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      for (const res of open) res.destroy();
    },
  };
}

/**
 * A refused subscription, sent as one `next` event with the errors, then `complete`. graphql-sse takes a
 * value for a result only when it has a `data` key (else it reads it as execution arguments and fails):
 * the key is present but undefined, so the message sent carries `errors` alone, as for a request error.
 */
function refusal(errors: readonly GraphQLError[]): { data: undefined; errors: GraphQLError[] } {
  return { data: undefined, errors: [...errors] };
}

/**
 * Writes the event stream as each write drains, until it ends or the client goes away (a write to a
 * closed connection ends it too: a client leaving is no server error).
 */
async function writeStream(res: http.ServerResponse, events: AsyncGenerator<string>): Promise<void> {
  res.once('close', () => void events.return(undefined));
  for await (const event of events) {
    if (!res.writable) break;
    const written = await new Promise<boolean>((resolve) => res.write(event, (error) => resolve(!error)));
    if (!written) break;
  }
  res.end();
}

/** A request of the SSE protocol rather than an ordinary GraphQL one. */
function isEventStream(req: http.IncomingMessage): boolean {
  return (
    (req.headers.accept ?? '').includes('text/event-stream') ||
    req.headers['x-graphql-event-stream-token'] !== undefined ||
    req.method === 'PUT'
  );
}
