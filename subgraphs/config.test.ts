import { describe, expect, it } from 'vitest';
import { readGatewayTrust, readSubgraphProcessConfig } from './config.ts';

describe('a standalone subgraph process configuration', () => {
  it('runs on real time by default, on the port the supergraph names', () => {
    const before = Date.now();
    const config = readSubgraphProcessConfig({}, 'elevator');
    expect(config.clock.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(config).toMatchObject({ logLevel: 'info', host: '127.0.0.1', port: 4003 });
  });

  it('pins its clock to the seed day when told, and reads its own log level and port', () => {
    const config = readSubgraphProcessConfig(
      { CLOCK_NOW: 'seed', SEED_AS_OF: '2025-06-30', LOG_LEVEL: 'warn', SUBGRAPH_PORT_CREDIT: '5004' },
      'credit',
    );
    expect(config.clock.now().toISOString()).toBe('2025-06-30T15:59:00.000Z');
    expect(config).toMatchObject({ logLevel: 'warn', port: 5004 });
  });

  it('names the bad variable', () => {
    expect(() => readSubgraphProcessConfig({ LOG_LEVEL: 'loud' }, 'permit')).toThrow(/LOG_LEVEL must be one of/);
    expect(() => readSubgraphProcessConfig({ CLOCK_NOW: 'later' }, 'permit')).toThrow(/CLOCK_NOW/);
    expect(() => readSubgraphProcessConfig({ SUBGRAPH_PORT_PERMIT: '70000' }, 'permit')).toThrow(
      /SUBGRAPH_PORT_PERMIT/,
    );
  });

  it('accepts unsigned requests only when told, for a benchmark, and only on loopback', () => {
    expect(() => readGatewayTrust({})).toThrow(/GATEWAY_SIGNING_SECRET/);
    expect(readGatewayTrust({ SUBGRAPH_ACCEPT_UNSIGNED: 'true' })).toEqual({ kind: 'unchecked' });
    expect(() => readGatewayTrust({ SUBGRAPH_ACCEPT_UNSIGNED: 'true', SUBGRAPH_HOST: '0.0.0.0' })).toThrow(
      /SUBGRAPH_ACCEPT_UNSIGNED .*not loopback/,
    );
  });
});
