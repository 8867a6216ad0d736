/**
 * A publish/subscribe bus of JSON messages on one channel: within the process by default, Redis pub/sub
 * across processes (redis.ts). A subscriber gets each message published after it subscribed once per
 * bus it holds; with Redis, each process holding a subscriber gets each message once, including the
 * publisher's own (it is delivered back by Redis, never also locally, so nothing arrives twice).
 * Messages are parsed JSON (`unknown`): a reader checks their shape, a newer publisher may send more.
 */
export interface Bus {
  publish(message: unknown): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(handler: (message: unknown) => void): () => void;
  stop(): Promise<void>;
}

/** The in-process bus: a message goes to the handlers of this bus, after the publisher's turn. */
export function memoryBus(): Bus {
  const handlers = new Set<(message: unknown) => void>();
  return {
    async publish(message) {
      // As Redis would: a copy, delivered later, so a handler never runs inside the publisher's call.
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      await Promise.resolve();
      for (const handler of handlers) handler(copy);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async stop() {
      handlers.clear();
    },
  };
}
