/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). The generator works in day numbers
 * and turns them into ISO strings through a cache, so a million records share a few thousand strings.
 */
const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

export function isoDate(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** The same calendar date n years later (29 Feb falls back to 28 Feb). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5, 10);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Date-time in Shanghai time (+08:00) for a day number and minutes after local midnight. */
export function isoDateTime(day: number, minuteOfDay: number): string {
  if (minuteOfDay >= 1440 || minuteOfDay < 0)
    return isoDateTime(day + Math.floor(minuteOfDay / 1440), ((minuteOfDay % 1440) + 1440) % 1440);
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${isoDate(day)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
}

/** Whole days from a to b (ISO dates): positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}
