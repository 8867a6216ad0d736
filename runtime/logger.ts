/**
 * One pino logger per process; components take child loggers. Credentials and personal data are
 * removed by configuration here, not by care at each call site.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Keys that hold credentials: removed wherever they appear in a log object. */
const CREDENTIAL_KEYS = [
  'password',
  'secret',
  'appSecret',
  'signingSecret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'keyHash',
  'authorization',
  'cookie',
  'x-api-key',
  'x-eg-caller',
  'databaseUrl',
  'redisUrl',
];

/** Keys that hold personal data (the `@pii` fields and their legacy names); `variables` may carry any of them. */
const PERSONAL_KEYS = [
  'idNumber',
  'holderIdNumber',
  'holderId',
  'holderName',
  'phone',
  'holderPhone',
  'legalRepresentative',
  'legalRepresentativeId',
  'variables',
];

/**
 * pino's redaction takes paths, not "this key anywhere": each key is listed at the top and under up to
 * MAX_DEPTH levels of wildcards, deeper than any log object of ours nests (a request's headers are three).
 */
const MAX_DEPTH = 5;

function atAnyDepth(keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
      if (plain) return `${'*.'.repeat(depth)}${key}`;
      return depth === 0 ? `["${key}"]` : `${'*.'.repeat(depth - 1)}*["${key}"]`;
    });
  });
}

const REDACT_PATHS = [...atAnyDepth(CREDENTIAL_KEYS), ...atAnyDepth(PERSONAL_KEYS), 'url.password'];

export function createLogger(
  options: { level: LevelWithSilent; name: string },
  destination?: NodeJS.WritableStream,
): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}
