import { describe, expect, it } from 'vitest';
import { readPermitConfig } from './config.ts';

describe('permit configuration', () => {
  it('defaults to the embedded SOAP stand-in on 4101 and the service batch limit', () => {
    expect(readPermitConfig({})).toEqual({
      service: { url: 'http://127.0.0.1:4101/permit/ws', timeoutMs: 5000, batchLimit: 50 },
      standIn: { port: 4101, path: '/permit/ws' },
    });
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => readPermitConfig({ PERMIT_BATCH_LIMIT: '51' })).toThrow(
      'PERMIT_BATCH_LIMIT must be from 1 to 50, got 51',
    );
    expect(() => readPermitConfig({ PERMIT_URL: 'ftp://x' })).toThrow('PERMIT_URL');
    expect(() => readPermitConfig({ PERMIT_STANDIN_PATH: 'ws' })).toThrow('PERMIT_STANDIN_PATH');
    expect(readPermitConfig({ PERMIT_TIMEOUT_MS: '800' }).service.timeoutMs).toBe(800);
  });
});
