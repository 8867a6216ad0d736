/** The connection recorder the end-to-end test relies on can see connections, and tells loopback from the rest. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isLoopback, recordConnections } from './outbound.ts';

describe('recordConnections', () => {
  it('records the destination of connections made by fetch and by node:http', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const recorded = recordConnections();
    try {
      await (await fetch(`http://127.0.0.1:${port}/`)).text();
      await new Promise<void>((resolve) =>
        http.get({ host: '127.0.0.1', port, agent: false }, (res) => res.resume().on('end', resolve)),
      );
    } finally {
      recorded.restore();
      server.close();
    }
    expect(recorded.destinations).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
  });

  it('counts only loopback addresses as loopback', () => {
    expect(['127.0.0.1:4000', 'localhost:80', '::1:5432', '[::1]:5432'].every(isLoopback)).toBe(true);
    expect(
      ['10.0.0.1:80', '169.254.169.254:80', 'usage-reporting.api.apollographql.com:443', '1127.0.0.1:80'].some(
        isLoopback,
      ),
    ).toBe(false);
  });
});
