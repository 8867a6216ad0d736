/**
 * Where "now" comes from. Overdue maintenance, expiring licences and "last 24 h" are judged against
 * it; tests and the embedded demo pin it to the seed's as-of date so figures stay meaningful.
 */
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`fixedClock: not an instant: ${String(instant)}`);
  return { now: () => new Date(at) };
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/**
 * The clock a setting names: 'system' (real time), 'seed' (late on the seed's as-of day, Shanghai
 * time: the stand-ins hold a snapshot of that day), or an ISO 8601 instant.
 */
export function clockFromSetting(setting: string, asOf: string): Clock {
  if (setting === 'system') return systemClock;
  return fixedClock(setting === 'seed' ? `${asOf}T23:59:00+08:00` : setting);
}
