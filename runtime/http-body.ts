/** Small helpers every node:http server of the project shares (the gateway, subgraphs and stand-ins). */
import type http from 'node:http';

/**
 * Reads a request body as UTF-8; undefined as soon as it is known to be larger than `max` bytes: at once when
 * its declared length says so, else at the chunk that crosses the limit, without waiting for the rest (which
 * Node discards as it arrives). Nothing over `max` is ever kept.
 */
export function readBody(req: http.IncomingMessage, max: number): Promise<string | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > max) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Stops accepting, lets requests in flight finish, then drops idle keep-alive sockets. */
export async function closeServer(server: http.Server): Promise<void> {
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
}
