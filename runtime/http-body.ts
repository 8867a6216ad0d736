/** Small helpers every node:http server of the project shares (the gateway, subgraphs and stand-ins). */
import type http from 'node:http';

/** Reads a request body as UTF-8; undefined when it is larger than `max` bytes (the rest is drained, not kept). */
export function readBody(req: http.IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
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
