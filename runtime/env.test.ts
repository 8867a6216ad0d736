import { describe, expect, it } from 'vitest';
import { ConfigError, readBool, readDate, readEnum, readInt, readPort, readShare, readUrl } from './env.ts';

describe('configuration parsing', () => {
  it('uses the default when a variable is absent or empty', () => {
    expect(readPort({}, 'GATEWAY_PORT', 4000)).toBe(4000);
    expect(readPort({ GATEWAY_PORT: '' }, 'GATEWAY_PORT', 4000)).toBe(4000);
    expect(readBool({}, 'X', true)).toBe(true);
  });

  it.each([
    [
      () => readPort({ GATEWAY_PORT: 'abc' }, 'GATEWAY_PORT', 4000),
      "GATEWAY_PORT must be a whole number from 0 to 65535, got 'abc'",
    ],
    [
      () => readPort({ GATEWAY_PORT: '70000' }, 'GATEWAY_PORT', 4000),
      'GATEWAY_PORT must be from 0 to 65535, got 70000',
    ],
    [() => readInt({ T: '1.5' }, 'T', 1, { min: 1, max: 9 }), "T must be a whole number from 1 to 9, got '1.5'"],
    [
      () => readEnum({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'info', ['info', 'debug']),
      "LOG_LEVEL must be one of info, debug, got 'loud'",
    ],
    [
      () => readBool({ GATEWAY_EXPLORER: 'maybe' }, 'GATEWAY_EXPLORER', true),
      "GATEWAY_EXPLORER must be true or false, got 'maybe'",
    ],
    [
      () => readDate({ SEED_AS_OF: '2026-13-45x' }, 'SEED_AS_OF', '2026-11-01'),
      "SEED_AS_OF must be a date as YYYY-MM-DD, got '2026-13-45x'",
    ],
    [() => readUrl({ U: 'ftp://x' }, 'U', 'http://a'), "U must be an http(s) or postgres URL, got 'ftp://x'"],
    [
      () => readShare({ CREDIT_MAX_SHRINK: '120%' }, 'CREDIT_MAX_SHRINK', 0.2),
      "CREDIT_MAX_SHRINK must be a share from 0 to 1 (such as 0.2 or 20%), got '120%'",
    ],
    [() => readShare({ S: '-0.1' }, 'S', 0.2), "S must be a share from 0 to 1 (such as 0.2 or 20%), got '-0.1'"],
  ])('names the variable and what it accepts (%#)', (read, message) => {
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`Configuration error: ${message}`);
  });

  it('never repeats a password from a bad URL', () => {
    expect(() => readUrl({ DB: 'mysql://user:hunter2@db/x' }, 'DB', 'http://a')).toThrow("got 'mysql://***@db/x'");
  });

  it('accepts the forms operators write', () => {
    expect(readBool({ A: 'YES' }, 'A', false)).toBe(true);
    expect(readBool({ A: 'off' }, 'A', true)).toBe(false);
    expect([readShare({ S: '0.3' }, 'S', 0.2), readShare({ S: '30%' }, 'S', 0.2), readShare({}, 'S', 0.2)]).toEqual([
      0.3, 0.3, 0.2,
    ]);
    expect(readUrl({ DB: 'postgres://postgres@127.0.0.1:5432/test' }, 'DB', 'http://a')).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
  });
});
