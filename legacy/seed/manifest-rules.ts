/**
 * The ground-truth rules, evaluated straight over a World. Written independently of the generator's
 * steps (it never asks what was planted): each function states one supervision rule in full.
 * "In use" means not soft-deleted and status IN_USE; dates are compared as ISO strings.
 */
import { addYears, daysBetween } from './dates.ts';
import { RULES } from './rules.ts';
import type {
  CreditState,
  LicenceType,
  World,
  WorldEquipment,
  WorldInspection,
  WorldLicence,
  WorldMaintenance,
} from './world.ts';

export const inUse = (e: WorldEquipment) => !e.deleted && e.status === 'IN_USE';

/** Over RULES.oldElevatorYears in service: installed before asOf minus that many years. */
export const oldCutoff = (asOf: string) => addYears(asOf, -RULES.oldElevatorYears);

function latestInspections(world: World): Map<string, WorldInspection> {
  const latest = new Map<string, WorldInspection>();
  for (const i of world.inspections) {
    const seen = latest.get(i.registrationCode);
    if (!seen || i.date > seen.date) latest.set(i.registrationCode, i);
  }
  return latest;
}

export function overdueMaintenance(world: World, credit: CreditState): string[] {
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  const lastMaintained = new Map<string, string>();
  for (const m of world.maintenance) {
    const seen = lastMaintained.get(m.registrationCode);
    if (!seen || m.date > seen) lastMaintained.set(m.registrationCode, m.date);
  }
  const inspections = latestInspections(world);
  return world.elevators
    .filter((e) => {
      if (!inUse(equipment.get(e.registrationCode)!)) return false;
      const inspection = inspections.get(e.registrationCode);
      const riskClass = credit.riskClasses[e.maintainerUscc];
      const onDemandEligible =
        e.onDemand &&
        (riskClass === 'A' || riskClass === 'B') &&
        inspection !== undefined &&
        inspection.nextDueOn >= world.asOf &&
        inspection.conclusion !== 'FAIL' &&
        e.remoteMonitoring &&
        e.insured;
      const allowed = onDemandEligible ? RULES.onDemandIntervalDays : RULES.maintenanceIntervalDays;
      const last = lastMaintained.get(e.registrationCode);
      return last === undefined || daysBetween(last, world.asOf) > allowed;
    })
    .map((e) => e.registrationCode);
}

export function lentCertificates(world: World) {
  const companies = new Map<string, Set<string>>();
  // certificate → date → elevators signed that day (small arrays: cheaper than a million little sets)
  const signed = new Map<string, Map<string, string[]>>();
  for (const m of world.maintenance) {
    for (const number of m.certificateNumbers) {
      const seen = companies.get(number);
      if (seen) seen.add(m.companyUscc);
      else companies.set(number, new Set([m.companyUscc]));
      let days = signed.get(number);
      if (!days) signed.set(number, (days = new Map()));
      const elevators = days.get(m.date);
      if (!elevators) days.set(m.date, [m.registrationCode]);
      else if (!elevators.includes(m.registrationCode)) elevators.push(m.registrationCode);
    }
  }
  const overDailyLimit: { number: string; date: string; elevators: number }[] = [];
  for (const [number, days] of signed) {
    for (const [date, elevators] of days) {
      if (elevators.length > RULES.certificateDailyElevatorLimit)
        overDailyLimit.push({ number, date, elevators: elevators.length });
    }
  }
  return { multiCompany: [...companies].filter(([, set]) => set.size > 1).map(([number]) => number), overDailyLimit };
}

/** A scope code covers a catalogue code when it is that code or a top-level code (X000) of its category. */
export function scopeCovers(scope: readonly string[], catalogueCode: string): boolean {
  return scope.some((s) => s === catalogueCode || (s.slice(1) === '000' && s[0] === catalogueCode[0]));
}

/**
 * Valid on a date: issued on or before it, expiring on or after it, and neither suspended nor revoked
 * (the register keeps no suspension date, so a suspended or revoked licence counts for no day).
 */
function licenceValidOn(l: WorldLicence, date: string): boolean {
  return (l.status === 'VALID' || l.status === 'EXPIRED') && l.issuedOn <= date && date <= l.expiresOn;
}

/**
 * The licence types that allow each kind of work on an elevator (README "Who may maintain an elevator"):
 * maintenance by the manufacturer or a unit licensed for installation or repair (特种设备安全法 Art. 45);
 * installation by the manufacturer or an installation licensee (Art. 22).
 */
const LICENCES_FOR_WORK: Readonly<Record<'MAINTENANCE' | 'INSTALLATION', readonly LicenceType[]>> = {
  MAINTENANCE: ['MANUFACTURE', 'INSTALLATION', 'REPAIR'],
  INSTALLATION: ['MANUFACTURE', 'INSTALLATION'],
};

function licencesByHolder(world: World, types: readonly LicenceType[]): Map<string, WorldLicence[]> {
  const licences = new Map<string, WorldLicence[]>();
  for (const l of world.licences) {
    if (types.includes(l.type)) licences.set(l.holderUscc, [...(licences.get(l.holderUscc) ?? []), l]);
  }
  return licences;
}

export function unlicensedMaintenance(world: World): { id: string; companyUscc: string }[] {
  const catalogue = new Map(world.equipment.map((e) => [e.registrationCode, e.catalogueCode]));
  const licences = licencesByHolder(world, LICENCES_FOR_WORK.MAINTENANCE);
  const licensed = (m: WorldMaintenance) =>
    (licences.get(m.companyUscc) ?? []).some(
      (l) => licenceValidOn(l, m.date) && scopeCovers(l.scope, catalogue.get(m.registrationCode)!),
    );
  return world.maintenance.filter((m) => !licensed(m)).map((m) => ({ id: m.id, companyUscc: m.companyUscc }));
}

/** Elevators whose recorded installer held no licence allowing installation, valid on installedOn and covering the code. */
export function unlicensedInstallations(world: World): { registrationCode: string; installerUscc: string }[] {
  const catalogue = new Map(world.equipment.map((e) => [e.registrationCode, e.catalogueCode]));
  const licences = licencesByHolder(world, LICENCES_FOR_WORK.INSTALLATION);
  return world.elevators
    .filter(
      (e) =>
        e.installerUscc !== undefined &&
        !(licences.get(e.installerUscc) ?? []).some(
          (l) => licenceValidOn(l, e.installedOn) && scopeCovers(l.scope, catalogue.get(e.registrationCode)!),
        ),
    )
    .map((e) => ({ registrationCode: e.registrationCode, installerUscc: e.installerUscc! }));
}

/**
 * Licence holders that owed a report for `year` (default: the year before asOf's) and filed none (legacy
 * seed README "Annual reports"): an enterprise registered by the end of that year and still in business,
 * holding a licence issued by the end of that year (a unit first licensed later was no production unit
 * that year). Years the credit register holds no report for at all are no data, not missing reports:
 * see annualReportYears.
 */
export function missingAnnualReports(
  world: World,
  credit: CreditState,
  year = Number(world.asOf.slice(0, 4)) - 1,
): { year: number; usccs: string[] } {
  const yearEnd = `${year}-12-31`;
  const filed = new Set(credit.annualReports.filter((r) => r.year === year).map((r) => r.uscc));
  // Only units registered by market supervision (code's first character 9) publish an enterprise annual report:
  // a 事业单位 (12…) reports to its own registration authority (README "Public institutions").
  const owes = new Set(
    credit.enterprises
      .filter((e) => e.uscc[0] === '9' && e.status === 'ACTIVE' && e.establishedOn <= yearEnd)
      .map((e) => e.uscc),
  );
  const licensed = new Set(world.licences.filter((l) => l.issuedOn <= yearEnd).map((l) => l.holderUscc));
  return { year, usccs: [...licensed].filter((u) => owes.has(u) && !filed.has(u)) };
}

/** The years the credit register holds any annual report for: the feed's history. */
export function annualReportYears(credit: CreditState): number[] {
  return [...new Set(credit.annualReports.map((r) => r.year))].sort();
}

export function overdueRectifications(world: World): string[] {
  return world.hazards
    .filter((h) => (h.status === 'FOUND' || h.status === 'RECTIFYING') && h.deadline < world.asOf)
    .map((h) => h.id);
}

/** Open major hazards whose equipment is in use: a major hazard stops its equipment (README "Major hazards"). */
export function majorHazardsInUse(world: World): string[] {
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  return world.hazards
    .filter(
      (h) =>
        h.level === 'MAJOR' &&
        (h.status === 'FOUND' || h.status === 'RECTIFYING') &&
        inUse(equipment.get(h.registrationCode)!),
    )
    .map((h) => h.id);
}

export function supervisedMajorHazards(world: World): string[] {
  return world.hazards.filter((h) => h.level === 'MAJOR' && h.supervised).map((h) => h.id);
}

/** In-use equipment whose latest inspection's next due date has passed (or that was never inspected). */
export function overdueInspections(world: World): string[] {
  const latest = latestInspections(world);
  return world.equipment
    .filter((e) => {
      const inspection = latest.get(e.registrationCode);
      return inUse(e) && (inspection === undefined || inspection.nextDueOn < world.asOf);
    })
    .map((e) => e.registrationCode);
}

export function oldResidentialElevators(world: World): string[] {
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  const cutoff = oldCutoff(world.asOf);
  return world.elevators
    .filter((e) => {
      const row = equipment.get(e.registrationCode)!;
      return inUse(row) && row.usage === 'RESIDENTIAL' && e.installedOn < cutoff;
    })
    .map((e) => e.registrationCode);
}
