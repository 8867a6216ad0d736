/**
 * The bus over Redis pub/sub (REDIS_URL): one connection publishes, one listens on the channel, so every
 * process holding this bus sees every message once. Pub/sub keeps nothing: a process away when a message
 * was published misses it (live events are news; the figures they announce can be read at any time).
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Bus } from './bus.ts';

export async function redisBus(url: string, channel: string, logger: Logger): Promise<Bus> {
  const options = { connectTimeout: 2_000, maxRetriesPerRequest: 1 };
  const publisher = new Redis(url, options);
  const listener = new Redis(url, options);
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (Date.now() - warnedAt < 10_000) return;
    warnedAt = Date.now();
    logger.warn({ err: error, channel }, 'Redis bus unavailable; live events are not delivered meanwhile');
  };
  publisher.on('error', warn);
  listener.on('error', warn);
  const handlers = new Set<(message: unknown) => void>();
  listener.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return warn(new Error('a message on the bus is not JSON'));
    }
    for (const handler of handlers) handler(message);
  });
  // Subscribed before the bus is handed out, so nothing published after start-up is missed; a Redis that
  // cannot be reached at start stops the start, naming it (ioredis resubscribes after later outages).
  try {
    await listener.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    listener.disconnect();
    throw new Error(
      `Cannot subscribe to the live bus (channel ${channel}) on Redis (REDIS_URL): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return {
    async publish(message) {
      try {
        await publisher.publish(channel, JSON.stringify(message));
      } catch (error) {
        warn(error);
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async stop() {
      handlers.clear();
      await Promise.allSettled([listener.quit(), publisher.quit()]);
    },
  };
}
