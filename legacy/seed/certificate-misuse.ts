/**
 * Certificate lending (借证挂靠) beyond signing for two companies and over the daily limit: a technician
 * whose certificate the register files under another employer; one signing after its certificate
 * expired (near-miss: one whose certificate expires on the last day it signs); a certificate of another
 * item (not T 电梯修理) signing elevator maintenance; certificates signing while suspended (certificate-suspension.ts);
 * and daily-limit near-misses (a day of exactly the limit, not lending, and a day of one more, lending). The rules are the legacy seed README's.
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import { ITEMS, type MaintenanceLog, addRecord } from './maintenance.ts';
import { inUseElevatorsByMaintainer } from './lending.ts';
import { plantSuspensions } from './certificate-suspension.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { WorldCertificate } from './world.ts';

export function plantCertificateMisuse(
  ctx: SeedContext,
  log: MaintenanceLog,
  teams: Map<string, (readonly string[])[]>,
  certificates: WorldCertificate[],
  registry: Registry,
): void {
  const random = ctx.random('certificate-misuse');
  const byNumber = new Map(certificates.map((c) => [c.number, c]));
  // Technicians no other plant has touched, so each case stands for one rule.
  const touched = new Set([
    ...ctx.planted.multiCompanyCertificates,
    ...ctx.planted.overDailyLimitCertificates.map((o) => o.number),
  ]);
  const technicians = random
    .sample(
      [...teams].flatMap(([company, pairs]) => pairs.flat().map((number) => ({ number, company }))),
      [...teams.values()].reduce((n, pairs) => n + pairs.length * 2, 0),
    )
    .filter((t) => !touched.has(t.number));
  const count = Math.max(1, Math.round(technicians.length * PLANT_RATES.otherCertificateMisuse));
  const take = (n: number) => technicians.splice(0, n);
  // The last day each certificate signs, from the records as they stand.
  const lastDay = new Map<string, string>();
  for (const r of log.records)
    for (const n of r.certificateNumbers) if (r.date > (lastDay.get(n) ?? '')) lastDay.set(n, r.date);
  const lastSigned = (number: string) => lastDay.get(number)!;

  const companies = [...teams.keys()];
  for (const t of take(count)) {
    // 挂靠: the register files the certificate under another company than the one it works for.
    byNumber.get(t.number)!.employerUscc = random.pick(companies.filter((c) => c !== t.company));
    ctx.planted.notEmployerCertificates.push(t.number);
  }
  const expireOn = (c: WorldCertificate, expiresOn: string) => {
    c.expiresOn = expiresOn;
    c.issuedOn = addYears(expiresOn, -4);
  };
  for (const t of take(count)) {
    const last = lastSigned(t.number);
    expireOn(byNumber.get(t.number)!, isoDate(toDay(last) - 1));
    ctx.planted.invalidCertificates.push(t.number);
  }
  for (const t of take(count)) expireOn(byNumber.get(t.number)!, lastSigned(t.number)); // near-miss: valid that day

  // Valid throughout the records' window, so each stands for the item rule alone.
  const otherItems = certificates.filter(
    (c) =>
      c.item !== 'T' && c.issuedOn <= isoDate(ctx.asOfDay - RULES.maintenanceHistoryDays) && c.expiresOn >= ctx.asOf,
  );
  for (let i = 0; i < count && otherItems.length > 0; i++) {
    const certificate = random.pick(otherItems);
    const company = random.pick(companies.filter((c) => (log.byCompany.get(c)?.length ?? 0) > 0));
    for (const index of random.sample(log.byCompany.get(company)!, random.int(1, 2))) {
      const record = log.records[index]!;
      record.certificateNumbers = [record.certificateNumbers[0]!, certificate.number];
    }
    if (!ctx.planted.wrongItemCertificates.includes(certificate.number))
      ctx.planted.wrongItemCertificates.push(certificate.number);
  }

  // After the other items re-signed records, so the suspensions fall around the signatures as they end up.
  plantSuspensions(ctx, random, log, take, count, byNumber);

  // Daily-limit near-misses: a day of exactly the limit (no lending) and one of a single elevator more.
  // Not the planted overdue elevators: a new record would make them maintained in time.
  const elevatorsOf = inUseElevatorsByMaintainer(registry, new Set(ctx.planted.overdueMaintenance));
  const busy = technicians.filter(
    (t) => (elevatorsOf.get(t.company)?.length ?? 0) > RULES.certificateDailyElevatorLimit + 4,
  );
  for (const [t, elevators] of [
    [busy[0], RULES.certificateDailyElevatorLimit],
    [busy[1], RULES.certificateDailyElevatorLimit + 1],
  ] as const) {
    if (t === undefined) continue;
    const date = isoDate(ctx.asOfDay - random.int(1, RULES.maintenanceHistoryDays - 1));
    const already = new Set(
      log.records
        .filter((r) => r.date === date && r.certificateNumbers.includes(t.number))
        .map((r) => r.registrationCode),
    );
    const more = random
      .sample(elevatorsOf.get(t.company)!, elevatorsOf.get(t.company)!.length)
      .filter((code) => !already.has(code))
      .slice(0, elevators - already.size);
    for (const registrationCode of more) {
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
    if (elevators > RULES.certificateDailyElevatorLimit)
      ctx.planted.overDailyLimitCertificates.push({ number: t.number, date });
  }
}
