/**
 * The ground truth of certificate lending beyond the two signing patterns (manifest-rules.ts
 * lentCertificates), straight over a World's maintenance records and the register's certificates. The
 * reading of the rule is the legacy seed README's ("Certificate lending").
 */
import { RULES } from './rules.ts';
import type { World } from './world.ts';

export interface CertificateMisuse {
  /** Certificates signing a record of a company other than the employer the register files them under. */
  notEmployer: string[];
  /** Certificate and day of each signature outside its validity (before issuedOn or after expiresOn). */
  signedWhileInvalid: { number: string; date: string }[];
  /** Certificate and day of each signature within its suspension (暂扣), both ends of the period included. */
  signedWhileSuspended: { number: string; date: string }[];
  /** Certificates whose item may not sign elevator maintenance (RULES.elevatorCertificateItems). */
  wrongItem: string[];
  /** Numbers signing records that the register does not know. */
  notRegistered: string[];
}

export function certificateMisuse(world: World): CertificateMisuse {
  const register = new Map(world.certificates.map((c) => [c.number, c]));
  const notEmployer = new Set<string>();
  const invalid = new Set<string>();
  const suspended = new Set<string>();
  const wrongItem = new Set<string>();
  const notRegistered = new Set<string>();
  for (const m of world.maintenance) {
    for (const number of m.certificateNumbers) {
      const c = register.get(number);
      if (c === undefined) {
        notRegistered.add(number);
        continue;
      }
      if (c.employerUscc !== m.companyUscc) notEmployer.add(number);
      if (m.date < c.issuedOn || m.date > c.expiresOn) invalid.add(`${number}|${m.date}`);
      const s = c.suspension;
      if (s !== undefined && s.from <= m.date && m.date <= s.until) suspended.add(`${number}|${m.date}`);
      if (!RULES.elevatorCertificateItems.includes(c.item)) wrongItem.add(number);
    }
  }
  const signatures = (keys: Set<string>) =>
    [...keys].sort().map((key) => {
      const [number, date] = key.split('|') as [string, string];
      return { number, date };
    });
  return {
    notEmployer: [...notEmployer].sort(),
    signedWhileInvalid: signatures(invalid),
    signedWhileSuspended: signatures(suspended),
    wrongItem: [...wrongItem].sort(),
    notRegistered: [...notRegistered].sort(),
  };
}
