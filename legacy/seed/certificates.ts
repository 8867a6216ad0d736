/**
 * Operator certificates. Every maintenance company employs elevator technicians (item T) in pairs,
 * one pair per ~36 elevators, so no honest technician comes near the daily limit; user units have a
 * safety manager (A) now and then; factories their drivers and operators; filling stations fillers (P).
 */
import { formatCertificateNumber } from '../../reference/certificate.ts';
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import type { Participants } from './participants.ts';
import { idNumber, mobilePhone, personName } from './people.ts';
import { RULES } from './rules.ts';
import type { WorldCertificate } from './world.ts';

/** Elevators one pair of technicians looks after. */
const ELEVATORS_PER_TEAM = 36;

export interface Certificates {
  certificates: WorldCertificate[];
  /** Per maintainer, its technician pairs (certificate numbers): the signatures of its records. */
  teams: Map<string, (readonly string[])[]>;
}

export function createCertificates(ctx: SeedContext, p: Participants, registry: Registry): Certificates {
  const random = ctx.random('certificates');
  const certificates: WorldCertificate[] = [];
  let serial = random.int(100_000, 900_000);
  const issue = (item: string, employerUscc: string, mayBeExpired: boolean) => {
    const expired = mayBeExpired && random.chance(0.1);
    const latest = ctx.asOfDay - RULES.maintenanceHistoryDays - 30;
    const issuedDay = expired
      ? random.int(ctx.asOfDay - 6 * 365, ctx.asOfDay - 4 * 365 - 10)
      : random.int(toDay(addYears(ctx.asOf, -4)) + 10, latest);
    const issuedOn = isoDate(issuedDay);
    const certificate: WorldCertificate = {
      number: formatCertificateNumber(item, (serial += random.int(1, 40))),
      item,
      holderName: personName(random),
      holderId: idNumber(random, 1965, 2002),
      holderPhone: mobilePhone(random),
      employerUscc,
      issuedOn,
      expiresOn: addYears(issuedOn, 4),
    };
    certificates.push(certificate);
    return certificate.number;
  };

  const elevatorCount = new Map<string, number>();
  for (const e of registry.elevators)
    elevatorCount.set(e.maintainerUscc, (elevatorCount.get(e.maintainerUscc) ?? 0) + 1);
  const teams = new Map<string, (readonly string[])[]>();
  for (const m of p.maintainers) {
    const pairs = Math.max(2, Math.ceil((elevatorCount.get(m.uscc) ?? 0) / ELEVATORS_PER_TEAM));
    teams.set(
      m.uscc,
      Array.from({ length: pairs }, () => [issue('T', m.uscc, false), issue('T', m.uscc, false)]),
    );
  }
  for (const u of p.userUnits) if (random.chance(0.3)) issue('A', u.enterprise.uscc, true);
  for (const u of p.industrialUsers) {
    for (let i = random.int(1, 3); i > 0; i--)
      issue(random.pick(['N1', 'Q1', 'Q2', 'G1', 'R1', 'A']), u.enterprise.uscc, true);
  }
  for (const f of p.fillers) for (let i = random.int(2, 4); i > 0; i--) issue('P', f.uscc, true);
  return { certificates, teams };
}
