/** Masking of personal data for callers who may not read it (graph/caller.ts). */
import { type Caller, mayReadPersonalData } from '../../graph/caller.ts';

/** Masks all but the first `keepStart` and last `keepEnd` characters. */
function mask(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return (
    value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(value.length - keepEnd)
  );
}

export const maskers = {
  idNumber: (v: string) => mask(v, 3, 2),
  phone: (v: string) => mask(v, 3, 4),
  /** Chinese names: the family name stays, the given name is masked. */
  personName: (v: string) => (v.length <= 1 ? v : v[0] + '*'.repeat(v.length - 1)),
};

export function personal(
  caller: Caller,
  value: string | null | undefined,
  masker: (v: string) => string,
): string | null {
  if (value === null || value === undefined) return null;
  return mayReadPersonalData(caller) ? value : masker(value);
}
