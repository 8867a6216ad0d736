/**
 * One pino logger per process; components take child loggers. Credentials and personal data are
 * removed by configuration here, not by care at each call site.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'appSecret',
  '*.appSecret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers.cookie',
  'databaseUrl',
  '*.databaseUrl',
  'url.password',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'legalRepresentative',
  '*.legalRepresentative',
  'variables',
  '*.variables',
];

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
