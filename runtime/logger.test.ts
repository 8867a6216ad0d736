import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('the logger', () => {
  it('removes credentials and personal data wherever they sit in a log object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', name: 'test' }, sink);
    logger.info(
      {
        token: 't0',
        req: { headers: { authorization: 'Bearer t1', 'x-api-key': 'egk_k1', 'x-eg-caller': 'p.mac' } },
        config: { callers: { jwt: { key: { secret: 's1' } }, signingSecret: 's2', rateLimit: { redisUrl: 'r' } } },
        person: { idNumber: '310101199001011234' },
        answer: {
          data: { certificate: { holder: { holderIdNumber: '31010119800101567X', holderPhone: '13912345678' } } },
        },
        record: { holderName: '王小明', legalRepresentative: '李大伟' },
        client: 'xuhui-bureau',
      },
      'request',
    );
    const line = lines.join('');
    for (const value of [
      't0',
      't1',
      'egk_k1',
      'p.mac',
      's1',
      's2',
      '"r"',
      '310101199001011234',
      '31010119800101567X',
      '13912345678',
      '王小明',
      '李大伟',
    ])
      expect(line).not.toContain(value);
    expect(JSON.parse(line)).toMatchObject({ client: 'xuhui-bureau', req: { headers: { 'x-api-key': '[redacted]' } } });
  });
});
