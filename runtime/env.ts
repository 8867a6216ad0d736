/**
 * Parsing of configuration values: each process kind builds one typed config object from these, once,
 * at start-up. A bad value throws ConfigError naming the variable and what it accepts.
 */
import { isIsoDate } from './clock.ts';

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export function readString(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

export function readOptional(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

export function readInt(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim()))
    throw new ConfigError(name, `must be a whole number from ${range.min} to ${range.max}, got '${raw}'`);
  const n = Number(raw);
  if (n < range.min || n > range.max)
    throw new ConfigError(name, `must be from ${range.min} to ${range.max}, got ${n}`);
  return n;
}

/** A share from 0 to 1, written as a decimal (0.2) or a percentage (20%). */
export function readShare(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(raw);
  const share = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(share >= 0 && share <= 1))
    throw new ConfigError(name, `must be a share from 0 to 1 (such as 0.2 or 20%), got '${raw}'`);
  return share;
}

export function readPort(env: Env, name: string, fallback: number): number {
  return readInt(env, name, fallback, { min: 0, max: 65535 });
}

export function readUrl(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  try {
    const url = new URL(raw);
    if (!/^(https?|postgres(ql)?):$/.test(url.protocol)) throw new Error('protocol');
    return raw;
  } catch {
    throw new ConfigError(name, `must be an http(s) or postgres URL, got '${raw.replace(/\/\/[^@/]*@/, '//***@')}'`);
  }
}

export function readEnum<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = readString(env, name, fallback);
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got '${raw}'`);
}

export function readDate(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  if (!isIsoDate(raw)) {
    throw new ConfigError(name, `must be a date as YYYY-MM-DD, got '${raw}'`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL, read the same way by every process kind. */
export function readLogLevel(env: Env): LogLevel {
  return readEnum(env, 'LOG_LEVEL', 'info', LOG_LEVELS);
}

/**
 * CLOCK_NOW with the seed's as-of date (SEED_AS_OF) it may refer to: 'seed' (late on that day),
 * 'system' (real time) or an ISO 8601 instant. The default differs by process kind: the embedded demo
 * pins the seed's day, a process over real systems uses real time.
 */
export function readClockSetting(
  env: Env,
  fallback: 'seed' | 'system',
): { readonly setting: string; readonly asOf: string } {
  const setting = readString(env, 'CLOCK_NOW', fallback);
  if (setting !== 'seed' && setting !== 'system' && Number.isNaN(Date.parse(setting))) {
    throw new ConfigError('CLOCK_NOW', `must be seed, system or an ISO 8601 instant, got '${setting}'`);
  }
  return { setting, asOf: readDate(env, 'SEED_AS_OF', SEED_AS_OF_DEFAULT) };
}

/** The day the embedded demo city is a snapshot of. */
export const SEED_AS_OF_DEFAULT = '2026-11-01';
