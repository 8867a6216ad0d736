/**
 * Planted certificate lending (借证挂靠): technicians whose certificate also signs another company's
 * records, and technicians whose certificate signs more elevators on one day than the daily limit.
 */
import type { SeedContext } from './context.ts';
import { isoDate } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isInUse } from './inspections.ts';
import { ITEMS, type MaintenanceLog, addRecord } from './maintenance.ts';
import { PLANT_RATES, RULES } from './rules.ts';

export function plantLending(
  ctx: SeedContext,
  log: MaintenanceLog,
  teams: Map<string, (readonly string[])[]>,
  registry: Registry,
): void {
  const random = ctx.random('lending');
  const companies = [...teams.keys()];
  const technicians = companies.flatMap((company) =>
    teams
      .get(company)!
      .flat()
      .map((number) => ({ number, company })),
  );
  const lenders = random.sample(
    technicians,
    Math.max(2, Math.round(technicians.length * PLANT_RATES.multiCompanyCertificates)),
  );
  for (const lender of lenders) {
    const borrower = random.pick(
      companies.filter((c) => c !== lender.company && (log.byCompany.get(c)?.length ?? 0) > 0),
    );
    // The borrowed certificate replaces the second signature on a few of the borrower's records.
    for (const index of random.sample(log.byCompany.get(borrower)!, random.int(1, 3))) {
      const record = log.records[index]!;
      record.certificateNumbers = [record.certificateNumbers[0]!, lender.number];
    }
    ctx.planted.multiCompanyCertificates.push(lender.number);
  }

  const elevatorsOf = inUseElevatorsByMaintainer(registry, new Set(ctx.planted.overdueMaintenance));
  const busy = technicians.filter(
    (t) => (elevatorsOf.get(t.company)?.length ?? 0) > RULES.certificateDailyElevatorLimit + 6,
  );
  const lent = new Set(lenders.map((l) => l.number));
  const overworked = random.sample(
    busy.filter((t) => !lent.has(t.number)),
    Math.max(2, Math.round(technicians.length * PLANT_RATES.overDailyLimitCertificates)),
  );
  for (const t of overworked) {
    const date = isoDate(ctx.asOfDay - random.int(1, RULES.maintenanceHistoryDays - 1));
    const elevators = random.sample(
      elevatorsOf.get(t.company)!,
      RULES.certificateDailyElevatorLimit + random.int(1, 6),
    );
    for (const registrationCode of elevators) {
      addRecord(log, {
        registrationCode,
        date,
        kind: 'HALF_MONTHLY',
        companyUscc: t.company,
        certificateNumbers: [t.number],
        durationMinutes: random.int(25, 40),
        items: ITEMS.HALF_MONTHLY as string[],
      });
    }
    ctx.planted.overDailyLimitCertificates.push({ number: t.number, date });
  }
}

/**
 * The elevators in use each maintenance company maintains, leaving out `except` (the planted overdue
 * ones: a new record on them would make them maintained in time).
 */
export function inUseElevatorsByMaintainer(registry: Registry, except: ReadonlySet<string>): Map<string, string[]> {
  const elevatorsOf = new Map<string, string[]>();
  for (const e of registry.elevators) {
    if (except.has(e.registrationCode) || !isInUse(registry.byCode.get(e.registrationCode)!)) continue;
    const list = elevatorsOf.get(e.maintainerUscc);
    if (list) list.push(e.registrationCode);
    else elevatorsOf.set(e.maintainerUscc, [e.registrationCode]);
  }
  return elevatorsOf;
}
