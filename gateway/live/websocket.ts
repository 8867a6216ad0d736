/**
 * Subscriptions over WebSocket with the graphql-ws protocol (`graphql-transport-ws`) on the gateway's
 * /graphql. The connection's init payload carries the same credential as HTTP (`authorization:
 * "Bearer …"` or `x-api-key`, at the top or under `headers`; else the upgrade request's own headers);
 * a refused one closes the socket (4403). A peer that misses two pings, or holds no subscription for
 * `idleMs`, is disconnected; a slow consumer (buffer full) and a revoked credential too.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../runtime/logger.ts';
import type { CredentialSource, Identity } from '../callers/identify.ts';
import type { DisconnectReason } from './hub.ts';
import type { LiveService } from './service.ts';
import type { LiveStream } from './stream.ts';

/** Close codes of graphql-ws's family: 4403 forbidden, 4408 idle, 4429 slow consumer; 1001 going away. */
const CLOSE: Readonly<Record<DisconnectReason | 'idle' | 'refused', [number, string]>> = {
  refused: [4403, 'Forbidden'],
  revoked: [4403, 'Forbidden: credential no longer valid'],
  slow: [4429, 'Slow consumer: answers not read'],
  idle: [4408, 'Idle: no subscription'],
  shutdown: [1001, 'Gateway shutting down'],
};

interface ConnectionState {
  identity?: Identity;
  credentials?: CredentialSource;
  open: number;
  lastActive: number;
  alive: boolean;
}

interface SubscriptionContext {
  readonly stream: AsyncGenerator<ExecutionResult>;
}

export interface WebSocketTransport {
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection (after their subscriptions were completed). */
  stop(): Promise<void>;
}

export function webSocketTransport(options: {
  readonly service: LiveService;
  readonly schema: () => GraphQLSchema | undefined;
  readonly path: string;
  readonly logger: Logger;
  /** The largest message read (graphql-ws's own messages are far smaller). */
  readonly maxMessageBytes: number;
}): WebSocketTransport {
  const { service } = options;
  const states = new WeakMap<WebSocket, ConnectionState>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  // A slow consumer is not reading: a close frame would wait behind what it has not read.
  const close = (socket: WebSocket, reason: keyof typeof CLOSE) =>
    reason === 'slow' ? socket.terminate() : socket.close(...CLOSE[reason]);
  wss.on('connection', (socket) => {
    const state: ConnectionState = { open: 0, lastActive: Date.now(), alive: true };
    states.set(socket, state);
    socket.on('pong', () => {
      state.alive = true;
    });
  });
  const disposable = useServer<Record<string, unknown>, { state?: ConnectionState }>(
    {
      // graphql-ws's default of 3 s closed healthy clients of a loaded machine before their init arrived.
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return false;
        const credentials = credentialsFrom(ctx.connectionParams, ctx.extra.request);
        try {
          state.identity = await service.identify(credentials);
          state.credentials = credentials;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = states.get(ctx.extra.socket);
        const schema = options.schema();
        if (!state?.identity || !state.credentials || !schema)
          return [new GraphQLError('The gateway is starting', { extensions: { code: 'OVERLOADED' } })];
        const prepared = service.prepare(state.identity, payload);
        if (!('plan' in prepared)) return prepared;
        // Opened here, so a refusal (districts, limits) is the protocol's error message.
        const socket = ctx.extra.socket;
        let stream: LiveStream;
        try {
          stream = service.open(prepared, state.credentials, (reason) => close(socket, reason));
        } catch (error) {
          return [error as GraphQLError];
        }
        state.open++;
        const contextValue: SubscriptionContext = {
          stream: counted(stream, () => {
            state.open--;
            state.lastActive = Date.now();
          }),
        };
        return {
          schema,
          document: prepared.document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      subscribe: (args) => (args.contextValue as SubscriptionContext).stream,
    },
    wss,
  );
  // Pings at half the idle time: a peer that missed the last one is gone; a connection that has held no
  // subscription for idleMs is closed.
  const heartbeat = setInterval(
    () => {
      for (const socket of wss.clients) {
        const state = states.get(socket);
        if (!state) continue;
        if (!state.alive) {
          socket.terminate();
          continue;
        }
        state.alive = false;
        socket.ping();
        if (state.open === 0 && Date.now() - state.lastActive >= service.config.idleMs) close(socket, 'idle');
      }
    },
    Math.max(50, Math.floor(service.config.idleMs / 2)),
  );
  heartbeat.unref();

  return {
    upgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== options.path) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async stop() {
      clearInterval(heartbeat);
      // The hub has completed every subscription; give the complete messages a moment to leave.
      if (wss.clients.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of wss.clients) close(socket, 'shutdown');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of wss.clients) socket.terminate();
    },
  };
}

async function* counted<T>(stream: AsyncIterableIterator<T>, onEnd: () => void): AsyncGenerator<T> {
  try {
    yield* stream;
  } finally {
    onEnd();
  }
}

/** The credential of a connection: its init payload's, else its upgrade request's headers. */
function credentialsFrom(
  params: Readonly<Record<string, unknown>> | undefined,
  req: http.IncomingMessage,
): CredentialSource {
  const nested =
    typeof params?.headers === 'object' && params.headers !== null ? (params.headers as Record<string, unknown>) : {};
  const pick = (name: string): string | undefined => {
    for (const source of [params ?? {}, nested]) {
      for (const [key, value] of Object.entries(source))
        if (key.toLowerCase() === name && typeof value === 'string') return value;
    }
    return undefined;
  };
  const authorization = pick('authorization');
  const apiKey = pick('x-api-key');
  if (authorization === undefined && apiKey === undefined) return { headers: req.headers, socket: req.socket };
  return {
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }),
    },
    socket: req.socket,
  };
}
