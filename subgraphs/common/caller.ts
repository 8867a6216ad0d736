/**
 * Who is asking. The gateway will authenticate callers and forward a signed caller context; until
 * then every request is an anonymous caller who may not read personal data. Resolvers take decisions
 * from this type only, so they need no rewrite when authentication arrives.
 */
export interface Caller {
  readonly id: string;
  /** May read unmasked personal data (ID numbers, phones, legal representatives). */
  readonly canReadPersonalData: boolean;
  /** District codes this caller is limited to (属地监管); undefined means the whole city. */
  readonly districts?: readonly string[];
}

export const ANONYMOUS: Caller = Object.freeze({ id: 'anonymous', canReadPersonalData: false });

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
  return caller.canReadPersonalData ? value : masker(value);
}
