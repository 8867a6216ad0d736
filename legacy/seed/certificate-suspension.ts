/**
 * Certificates suspended for a period (暂扣) while their holders went on signing, and the near-misses on each
 * side of the period's ends: a signature on the suspension's first day and one on its last (listed), a
 * signature the day before it starts and one the day after it ends (not listed). The rule is the legacy seed
 * README's ("Certificate lending", signed while suspended).
 */
import type { SeedContext } from './context.ts';
import { isoDate, toDay } from './dates.ts';
import type { MaintenanceLog } from './maintenance.ts';
import type { Random } from './random.ts';
import type { WorldCertificate } from './world.ts';

/** How long a planted suspension lasts beyond the signature it is anchored on, in days (inclusive range). */
const EXTRA_DAYS = [10, 30] as const;

export function plantSuspensions(
  ctx: SeedContext,
  random: Random,
  log: MaintenanceLog,
  /** Technicians no other plant has touched, count per case, four cases. */
  take: (n: number) => readonly { number: string }[],
  count: number,
  byNumber: ReadonlyMap<string, WorldCertificate>,
): void {
  // The days each certificate signs, from the records as they stand now (after the plants that re-sign records).
  const days = new Map<string, Set<number>>();
  for (const r of log.records)
    for (const n of r.certificateNumbers) (days.get(n) ?? days.set(n, new Set()).get(n)!).add(toDay(r.date));
  const signed = (number: string) => [...days.get(number)!].sort((a, b) => a - b);
  // A technician whose every record another plant re-signed has nothing to be suspended around.
  const signing = (n: number) => take(n).filter((t) => days.has(t.number));
  const suspend = (number: string, from: number, until: number) => {
    byNumber.get(number)!.suspension = { from: isoDate(from), until: isoDate(until) };
  };
  const extra = () => random.int(...EXTRA_DAYS);
  // A signing day away from the window's ends, so the period falls around signatures on both sides.
  const middleDay = (number: string) => {
    const all = signed(number);
    return all[Math.floor(all.length / 2)]!;
  };

  for (const t of signing(count)) {
    // Signs on the suspension's first day; the suspension still runs at asOf (a dashboard sees it SUSPENDED today).
    const first = middleDay(t.number);
    suspend(t.number, first, ctx.asOfDay + extra());
    ctx.planted.suspendedCertificates.push(t.number);
  }
  for (const t of signing(count)) {
    const last = middleDay(t.number); // signs on the suspension's last day
    suspend(t.number, last - extra(), last);
    ctx.planted.suspendedCertificates.push(t.number);
  }
  for (const t of signing(count)) {
    const all = signed(t.number); // its last signature is the day before the suspension starts
    suspend(t.number, all[all.length - 1]! + 1, all[all.length - 1]! + 1 + extra());
    ctx.planted.suspensionNearMisses.push(t.number);
  }
  for (const t of signing(count)) {
    const all = signed(t.number); // its first signature is the day after the suspension ends
    suspend(t.number, all[0]! - 1 - extra(), all[0]! - 1);
    ctx.planted.suspensionNearMisses.push(t.number);
  }
}
