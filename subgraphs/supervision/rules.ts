/**
 * The licence rule of the cross-system questions, written for the graph (the seed's manifest states the
 * same rule independently, for tests; the reading both follow is legacy/seed/README.md "Who may maintain
 * an elevator"): a piece of work is covered when the company held, on the work date, a licence allowing
 * that work that was in force and whose scope covers the elevator.
 */
import type { Licence, LicenceType } from '../../adapters/permit/types.ts';

export type WorkKind = 'MAINTENANCE' | 'INSTALLATION';

export const UNCOVERED_REASONS = ['NO_LICENCE', 'EXPIRED', 'SUSPENDED_OR_REVOKED', 'OUT_OF_SCOPE'] as const;
export type UncoveredReason = (typeof UNCOVERED_REASONS)[number];

/**
 * The licences that allow each kind of work on an elevator. There is no maintenance licence: maintenance
 * is done by the manufacturer or a unit licensed for installation, alteration or repair (特种设备安全法
 * Art. 45; TSG 07-2019's 电梯安装（含修理） and 电梯修理 items); installation by the manufacturer or an
 * installation licensee (Art. 22).
 */
export const LICENCES_FOR: Readonly<Record<WorkKind, readonly LicenceType[]>> = {
  MAINTENANCE: ['MANUFACTURE', 'INSTALLATION', 'REPAIR'],
  INSTALLATION: ['MANUFACTURE', 'INSTALLATION'],
};

/**
 * Operator certificate items that may sign elevator maintenance: T 电梯修理, the one elevator item of the
 * operator certificate list (DOMAIN.md "Operator certificates"); any other item signing is 借证.
 */
export const ELEVATOR_CERTIFICATE_ITEMS: readonly string[] = ['T'];

/** A scope code covers a catalogue code when it is that code, or the top-level code (X000) of its category. */
export function scopeCovers(scope: readonly string[], catalogueCode: string): boolean {
  return scope.some((s) => s === catalogueCode || (s.slice(1) === '000' && s[0] === catalogueCode[0]));
}

const inDates = (l: Licence, date: string) => l.issuedOn <= date && date <= l.expiresOn;
/**
 * The register keeps no suspension date, so a suspended or revoked licence counts for no day; an
 * EXPIRED one still covered the days between its issue and expiry dates.
 */
const inForce = (l: Licence) => l.status === 'VALID' || l.status === 'EXPIRED';

/**
 * Why a piece of work was not covered, or null when it was. `licences` are the company's licences of
 * the types that allow the work (LICENCES_FOR). The reason named is the nearest miss: out of scope when a licence was in
 * force that day, suspended/revoked when one was dated for that day, else expired (or not yet issued).
 */
export function uncoveredReason(
  licences: readonly Licence[],
  date: string,
  catalogueCode: string,
): UncoveredReason | null {
  if (licences.length === 0) return 'NO_LICENCE';
  const dated = licences.filter((l) => inDates(l, date));
  const valid = dated.filter(inForce);
  if (valid.some((l) => scopeCovers(l.scope, catalogueCode))) return null;
  if (valid.length > 0) return 'OUT_OF_SCOPE';
  if (dated.length > 0) return 'SUSPENDED_OR_REVOKED';
  return 'EXPIRED';
}
