import { describe, expect, it } from 'vitest';
import { applyCreditChanges } from './credit-state.ts';
import { addYears, daysBetween } from './dates.ts';
import { generateWorld } from './generate.ts';
import { buildManifest } from './manifest.ts';
import { RULES } from './rules.ts';

const world = generateWorld({ scale: 'test' });
const manifest = buildManifest(world);
const planted = manifest.planted!;
const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
const inUse = (code: string) => !equipment.get(code)!.deleted && equipment.get(code)!.status === 'IN_USE';
const recordsOf = (code: string) => world.maintenance.filter((m) => m.registrationCode === code);
/** A few cases from a list, spread over it. */
const few = <T>(list: readonly T[], n = 5): T[] =>
  list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);

describe('the manifest lists every planted anomaly', () => {
  it('planted something of every kind', () => {
    for (const [kind, list] of Object.entries(planted)) expect(list.length, kind).toBeGreaterThan(0);
    expect(new Set(planted.unlicensedMaintainers.map((p) => p.how))).toEqual(
      new Set(['EXPIRED', 'SUSPENDED', 'OUT_OF_SCOPE']),
    );
  });

  it('finds each planted case', () => {
    expect(manifest.overdueMaintenance).toEqual(expect.arrayContaining(planted.overdueMaintenance));
    expect(manifest.lentCertificates.multiCompany).toEqual(expect.arrayContaining(planted.multiCompanyCertificates));
    expect(manifest.lentCertificates.overDailyLimit.map(({ number, date }) => ({ number, date }))).toEqual(
      expect.arrayContaining(planted.overDailyLimitCertificates),
    );
    expect(manifest.unlicensedMaintenance.map((r) => r.companyUscc)).toEqual(
      expect.arrayContaining(planted.unlicensedMaintainers.map((p) => p.uscc)),
    );
    expect(manifest.missingAnnualReports.usccs).toEqual(expect.arrayContaining(planted.missingAnnualReports));
    expect(manifest.unlicensedInstallations.map((r) => r.registrationCode)).toEqual(
      planted.unlicensedInstallations.slice().sort(),
    );
    expect(manifest.overdueRectifications).toEqual(expect.arrayContaining(planted.overdueRectifications));
    expect(manifest.supervisedMajorHazards).toEqual(expect.arrayContaining(planted.supervisedMajorHazards));
    expect(manifest.overdueInspections).toEqual(expect.arrayContaining(planted.overdueInspections));
    expect(manifest.oldResidentialElevators).toEqual(expect.arrayContaining(planted.oldResidentialElevators));
  });

  it('finds nothing that was not planted (the generator makes no accidental anomalies)', () => {
    expect(manifest.overdueMaintenance).toHaveLength(planted.overdueMaintenance.length);
    expect(manifest.lentCertificates.multiCompany).toHaveLength(planted.multiCompanyCertificates.length);
    expect(manifest.lentCertificates.overDailyLimit).toHaveLength(planted.overDailyLimitCertificates.length);
    expect(new Set(manifest.unlicensedMaintenance.map((r) => r.companyUscc)).size).toBe(
      planted.unlicensedMaintainers.length,
    );
    expect(manifest.missingAnnualReports.usccs).toHaveLength(planted.missingAnnualReports.length);
    expect(manifest.overdueInspections).toHaveLength(planted.overdueInspections.length);
    expect(manifest.rescue.arrivalBreaches).toEqual(planted.rescueArrivalBreaches.slice().sort());
    expect(manifest.majorHazardsInUse).toEqual(planted.majorHazardsInUse.slice().sort());
  });

  it('maintenance quality: exactly the planted visits without their items or too short, not the near-misses', () => {
    const byReason = (reason: 'MISSING_ITEMS' | 'TOO_SHORT') =>
      manifest.maintenanceQuality.filter((f) => f.reasons.includes(reason)).map((f) => f.id);
    const plantedAs = (reason: 'MISSING_ITEMS' | 'TOO_SHORT') =>
      planted.maintenanceQuality
        .filter((p) => p.reason === reason)
        .map((p) => p.id)
        .sort();
    expect(byReason('MISSING_ITEMS')).toEqual(plantedAs('MISSING_ITEMS'));
    expect(byReason('TOO_SHORT')).toEqual(plantedAs('TOO_SHORT'));
    const listed = new Set(manifest.maintenanceQuality.map((f) => f.id));
    expect(planted.maintenanceQualityNearMisses.filter((id) => listed.has(id))).toEqual([]);
    // By hand: a record one minute under five per item is too short; exactly five per item is not.
    const byId = new Map(world.maintenance.map((r) => [r.id, r]));
    for (const id of planted.maintenanceQualityNearMisses) {
      const r = byId.get(id)!;
      expect(r.durationMinutes).toBeGreaterThanOrEqual(5 * r.items.length);
    }
    expect(
      manifest.maintenanceQuality.some((f) => byId.get(f.id)!.durationMinutes === 5 * byId.get(f.id)!.items.length - 1),
    ).toBe(true);
    for (const f of manifest.maintenanceQuality.filter((f) => f.reasons.includes('MISSING_ITEMS')))
      expect(byId.get(f.id)!.kind).not.toBe('HALF_MONTHLY');
  });

  it('old elevator programme: an assessment counts on an old residential elevator, not on one installed on the cutoff day', () => {
    const [young, old] = planted.oldElevatorBoundary;
    const byCode = new Map(world.elevators.map((e) => [e.registrationCode, e]));
    expect(byCode.get(young!)!.installedOn).toBe(manifest.rules.oldCutoff);
    const assessed = new Set(manifest.oldResidentialAssessments.map((a) => a.registrationCode));
    expect(assessed.has(young!)).toBe(false);
    expect(manifest.oldResidentialElevators.includes(young!)).toBe(false);
    if (manifest.oldResidentialElevators.includes(old!)) expect(assessed.has(old!)).toBe(true);
    expect(
      manifest.oldResidentialAssessments.every((a) => manifest.oldResidentialElevators.includes(a.registrationCode)),
    ).toBe(true);
  });

  it('is plain JSON and reports the rules and the reporting year', () => {
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    expect(manifest.rules).toMatchObject({
      maintenanceIntervalDays: 15,
      onDemandIntervalDays: 30,
      certificateDailyElevatorLimit: 12,
      oldCutoff: '2011-11-01',
    });
    expect(manifest.missingAnnualReports.year).toBe(2025);
  });
});

describe('each rule agrees with a recomputation by hand on a few cases', () => {
  it('overdue maintenance: the last record is older than the allowed interval; others are recent enough', () => {
    const listed = new Set(manifest.overdueMaintenance);
    for (const code of few(manifest.overdueMaintenance)) {
      const last = recordsOf(code)
        .map((m) => m.date)
        .sort()
        .at(-1);
      expect(last === undefined || daysBetween(last, world.asOf) > RULES.maintenanceIntervalDays).toBe(true);
    }
    for (const e of few(
      world.elevators.filter((e) => !listed.has(e.registrationCode) && inUse(e.registrationCode)),
      20,
    )) {
      const last = recordsOf(e.registrationCode)
        .map((m) => m.date)
        .sort()
        .at(-1)!;
      expect(daysBetween(last, world.asOf)).toBeLessThanOrEqual(
        e.onDemand ? RULES.onDemandIntervalDays : RULES.maintenanceIntervalDays,
      );
    }
  });

  it('on-demand elevators maintained 16 to 30 days ago are not overdue, which the fixed rule alone would flag', () => {
    const lenient = world.elevators.filter((e) => {
      const last = recordsOf(e.registrationCode)
        .map((m) => m.date)
        .sort()
        .at(-1);
      return e.onDemand && last !== undefined && daysBetween(last, world.asOf) > RULES.maintenanceIntervalDays;
    });
    expect(lenient.length).toBeGreaterThan(0);
    const listed = new Set(manifest.overdueMaintenance);
    expect(lenient.filter((e) => !listed.has(e.registrationCode)).length).toBeGreaterThan(0);
  });

  it('lent certificates: signatures for two companies, and more elevators in a day than the limit', () => {
    for (const number of manifest.lentCertificates.multiCompany) {
      const companies = new Set(
        world.maintenance.filter((m) => m.certificateNumbers.includes(number)).map((m) => m.companyUscc),
      );
      expect(companies.size).toBeGreaterThan(1);
    }
    for (const { number, date, elevators } of manifest.lentCertificates.overDailyLimit) {
      const signed = new Set(
        world.maintenance
          .filter((m) => m.date === date && m.certificateNumbers.includes(number))
          .map((m) => m.registrationCode),
      );
      expect(signed.size).toBe(elevators);
      expect(elevators).toBeGreaterThan(RULES.certificateDailyElevatorLimit);
    }
  });

  it('unlicensed maintenance: no manufacture, installation or repair licence of the company was valid and in scope on the work date (Art. 45)', () => {
    const listed = new Set(manifest.unlicensedMaintenance.map((r) => r.id));
    const check = (id: string) => {
      const m = world.maintenance.find((r) => r.id === id)!;
      const code = equipment.get(m.registrationCode)!.catalogueCode;
      return world.licences.some(
        (l) =>
          l.holderUscc === m.companyUscc &&
          ['MANUFACTURE', 'INSTALLATION', 'REPAIR'].includes(l.type) &&
          ['VALID', 'EXPIRED'].includes(l.status) &&
          l.issuedOn <= m.date &&
          m.date <= l.expiresOn &&
          (l.scope.includes(code) || l.scope.includes(`${code[0]}000`)),
      );
    };
    for (const r of few(manifest.unlicensedMaintenance, 10)) expect(check(r.id), r.id).toBe(false);
    for (const m of few(
      world.maintenance.filter((r) => !listed.has(r.id)),
      20,
    ))
      expect(check(m.id), m.id).toBe(true);
    const expired = planted.unlicensedMaintainers.find((p) => p.how === 'EXPIRED')!;
    const expiry = world.licences.find((l) => l.holderUscc === expired.uscc)!.expiresOn;
    const flagged = manifest.unlicensedMaintenance
      .filter((r) => r.companyUscc === expired.uscc)
      .map((r) => world.maintenance.find((m) => m.id === r.id)!.date);
    expect(flagged.every((d) => d > expiry)).toBe(true);
  });

  it('no maintenance licence exists; a manufacturer maintaining under its manufacture licence is not flagged', () => {
    expect(world.licences.map((l) => l.type)).not.toContain('MAINTENANCE');
    expect(world.licences.some((l) => l.number.startsWith('TS35'))).toBe(false);
    const maintainers = new Set(world.elevators.map((e) => e.maintainerUscc));
    const manufacturersMaintaining = world.licences.filter(
      (l) => l.type === 'MANUFACTURE' && maintainers.has(l.holderUscc),
    );
    expect(manufacturersMaintaining.length).toBeGreaterThan(0);
    const flagged = new Set(manifest.unlicensedMaintenance.map((r) => r.companyUscc));
    for (const l of manufacturersMaintaining) expect(flagged.has(l.holderUscc), l.holderUscc).toBe(false);
    const repairOnly = [...maintainers].filter((u) =>
      world.licences.filter((l) => l.holderUscc === u).every((l) => l.type === 'REPAIR'),
    );
    expect(repairOnly.length).toBeGreaterThan(0);
  });

  it('unlicensed installations: the installer held no installation or manufacture licence on the day; recorded only for recent ones', () => {
    const recent = world.elevators.filter((e) => e.installerUscc !== undefined);
    expect(recent.length).toBeGreaterThan(manifest.unlicensedInstallations.length);
    expect(recent.every((e) => daysBetween(e.installedOn, world.asOf) <= RULES.installerRecordedDays)).toBe(true);
    const licensed = (uscc: string, on: string) =>
      world.licences.some(
        (l) =>
          l.holderUscc === uscc &&
          (l.type === 'INSTALLATION' || l.type === 'MANUFACTURE') &&
          l.issuedOn <= on &&
          on <= l.expiresOn &&
          l.status !== 'SUSPENDED',
      );
    for (const r of manifest.unlicensedInstallations) {
      expect(
        licensed(r.installerUscc, world.elevators.find((e) => e.registrationCode === r.registrationCode)!.installedOn),
      ).toBe(false);
    }
    const listed = new Set(manifest.unlicensedInstallations.map((r) => r.registrationCode));
    for (const e of few(
      recent.filter((e) => !listed.has(e.registrationCode)),
      10,
    ))
      expect(licensed(e.installerUscc!, e.installedOn)).toBe(true);
  });

  it('missing annual reports: licence holders with no report for the previous year at asOf', () => {
    const state = applyCreditChanges(world.credit.snapshot, world.credit.increments);
    for (const uscc of manifest.missingAnnualReports.usccs) {
      expect(world.licences.some((l) => l.holderUscc === uscc)).toBe(true);
      expect(state.annualReports.some((r) => r.uscc === uscc && r.year === 2025)).toBe(false);
    }
  });

  it('hazards: open past deadline, and major under supervision', () => {
    for (const id of manifest.overdueRectifications) {
      const h = world.hazards.find((x) => x.id === id)!;
      expect(['FOUND', 'RECTIFYING']).toContain(h.status);
      expect(h.deadline < world.asOf).toBe(true);
      expect(h.closedOn).toBeNull();
    }
    for (const id of manifest.supervisedMajorHazards)
      expect(world.hazards.find((x) => x.id === id)).toMatchObject({ level: 'MAJOR', supervised: true });
    expect(world.hazards.filter((h) => h.closedOn !== null).every((h) => h.closedOn! <= h.deadline)).toBe(true);
  });

  it('overdue inspections and old residential elevators', () => {
    for (const code of few(manifest.overdueInspections)) {
      const latest = world.inspections
        .filter((i) => i.registrationCode === code)
        .sort((a, b) => a.date.localeCompare(b.date))
        .at(-1)!;
      expect(latest.nextDueOn < world.asOf).toBe(true);
    }
    const cutoff = addYears(world.asOf, -15);
    for (const code of few(manifest.oldResidentialElevators)) {
      expect(equipment.get(code)!.usage).toBe('RESIDENTIAL');
      expect(world.elevators.find((e) => e.registrationCode === code)!.installedOn < cutoff).toBe(true);
    }
  });

  it('district counts add up to the elevators and equipment in use', () => {
    const totals = Object.values(manifest.counts).reduce(
      (a, c) => ({
        elevators: a.elevators + c.elevators,
        old: a.old + c.elevatorsOver15Years,
        inUse: a.inUse + c.equipmentInUse,
      }),
      { elevators: 0, old: 0, inUse: 0 },
    );
    expect(Object.keys(manifest.counts)).toHaveLength(16);
    expect(totals.elevators).toBe(world.elevators.filter((e) => inUse(e.registrationCode)).length);
    expect(totals.inUse).toBe(world.equipment.filter((e) => inUse(e.registrationCode)).length);
    expect(totals.old / totals.elevators).toBeCloseTo(0.258, 1);
  });

  it('district figures of the city overview match the lists and the register', () => {
    const sum = (pick: (c: (typeof manifest.counts)[string]) => number) =>
      Object.values(manifest.counts).reduce((a, c) => a + pick(c), 0);
    expect(sum((c) => c.overdueMaintenance)).toBe(manifest.overdueMaintenance.length);
    expect(sum((c) => c.overdueInspections)).toBe(manifest.overdueInspections.length);
    expect(sum((c) => c.overdueRectifications)).toBe(manifest.overdueRectifications.length);
    const open = world.hazards.filter((h) => h.status === 'FOUND' || h.status === 'RECTIFYING');
    expect(sum((c) => c.openHazards.MAJOR)).toBe(open.filter((h) => h.level === 'MAJOR').length);
    expect(sum((c) => c.openHazards.GENERAL)).toBe(open.filter((h) => h.level === 'GENERAL').length);
    expect(
      sum(
        (c) =>
          c.enterprisesByRiskClass.A +
          c.enterprisesByRiskClass.B +
          c.enterprisesByRiskClass.C +
          c.enterprisesByRiskClass.D,
      ),
    ).toBe(world.enterprises.length);
    const pudong = world.equipment.filter((e) => e.district === '310115' && !e.deleted && e.status === 'IN_USE').length;
    expect(manifest.counts['310115']!.equipmentInUse).toBe(pudong);
  });
});

describe('entrapment rescue (困人救援)', () => {
  const clockMs = Date.parse(manifest.rescue.clock);
  const minutesBefore = (iso: string) => (clockMs - Date.parse(iso)) / 60_000;
  const alarms = new Map(world.alarms.map((a) => [a.id, a]));

  it('the clock is asOf at 23:59 Shanghai time, and no alarm is raised, accepted, reached, resolved or closed after it', () => {
    expect(manifest.rescue.clock).toBe(`${world.asOf}T23:59:00+08:00`);
    for (const a of world.alarms)
      for (const t of [a.raisedAt, a.acceptedAt, a.arrivedAt, a.resolvedAt, a.closedAt])
        if (t !== null) expect(Date.parse(t)).toBeLessThanOrEqual(clockMs);
  });

  it('the last 24 hours hold entrapments, breaches among them, and the near-misses on both edges', () => {
    expect(manifest.rescue.entrapmentsLast24h.length).toBeGreaterThan(3);
    expect(manifest.rescue.arrivalBreachesLast24h.length).toBeGreaterThan(0);
    const ages = manifest.rescue.entrapmentsLast24h.map((id) => minutesBefore(alarms.get(id)!.raisedAt));
    expect(Math.max(...ages)).toBe(1439); // one minute inside the window is in
    const exactlyADay = world.alarms.filter((a) => a.kind === 'ENTRAPMENT' && minutesBefore(a.raisedAt) === 1440);
    expect(exactlyADay.length).toBeGreaterThan(0); // exactly 24 h before the clock is out
    for (const a of exactlyADay) expect(manifest.rescue.entrapmentsLast24h).not.toContain(a.id);
  });

  it('a breach is an arrival after more than 30 minutes, or none after more than 30: on target is no breach', () => {
    const breaches = new Set(manifest.rescue.arrivalBreaches);
    const waited = (a: (typeof world.alarms)[number]) =>
      (a.arrivedAt === null ? clockMs - Date.parse(a.raisedAt) : Date.parse(a.arrivedAt) - Date.parse(a.raisedAt)) /
      60_000;
    const entrapments = world.alarms.filter((a) => a.kind === 'ENTRAPMENT');
    for (const minutes of [29, 30, 31]) {
      const atBoundary = entrapments.filter((a) => waited(a) === minutes);
      expect(atBoundary.length, `${minutes} minutes`).toBeGreaterThan(0);
      for (const a of atBoundary) expect(breaches.has(a.id), `${a.id} after ${minutes}`).toBe(minutes > 30);
    }
    for (const minutes of [30, 31]) {
      const waiting = entrapments.filter((a) => a.arrivedAt === null && waited(a) === minutes);
      expect(waiting.length, `waiting ${minutes}`).toBeGreaterThan(0);
    }
    for (const a of world.alarms.filter((x) => x.kind !== 'ENTRAPMENT')) expect(breaches.has(a.id)).toBe(false);
  });

  it('per maintainer and per district, the figures add up to the lists', () => {
    const total = (pick: (m: (typeof manifest.rescue.byMaintainer)[number]) => number) =>
      manifest.rescue.byMaintainer.reduce((s, m) => s + pick(m), 0);
    expect(total((m) => m.entrapments)).toBe(world.alarms.filter((a) => a.kind === 'ENTRAPMENT').length);
    expect(total((m) => m.arrivalBreaches)).toBe(manifest.rescue.arrivalBreaches.length);
    const sum = (pick: (c: (typeof manifest.counts)[string]) => number) =>
      Object.values(manifest.counts).reduce((a, c) => a + pick(c), 0);
    expect(sum((c) => c.entrapmentsLast24h)).toBe(manifest.rescue.entrapmentsLast24h.length);
    expect(sum((c) => c.rescueArrivalBreachesLast24h)).toBe(manifest.rescue.arrivalBreachesLast24h.length);
  });
});

describe('certificate lending beyond two patterns (借证挂靠)', () => {
  const lent = manifest.lentCertificates;
  const register = new Map(world.certificates.map((c) => [c.number, c]));

  it('finds exactly the planted cases: another employer, signing after expiry, another item; no unknown certificate', () => {
    expect(planted.notEmployerCertificates.length).toBeGreaterThan(0);
    expect(planted.invalidCertificates.length).toBeGreaterThan(0);
    expect(planted.wrongItemCertificates.length).toBeGreaterThan(0);
    // Lending to a second company, or a certificate of a user unit's staff, also signs for a company not its employer.
    expect(lent.notEmployer).toEqual(
      [
        ...new Set([
          ...planted.notEmployerCertificates,
          ...planted.multiCompanyCertificates,
          ...planted.wrongItemCertificates,
        ]),
      ].sort(),
    );
    expect([...new Set(lent.signedWhileInvalid.map((s) => s.number))].sort()).toEqual(
      planted.invalidCertificates.slice().sort(),
    );
    expect(lent.wrongItem).toEqual(planted.wrongItemCertificates.slice().sort());
    expect(lent.notRegistered).toEqual([]);
  });

  it('a certificate is valid through its expiry day: one expiring on the last day it signs is not listed', () => {
    const lastDay = new Map<string, string>();
    for (const m of world.maintenance)
      for (const n of m.certificateNumbers) if (m.date > (lastDay.get(n) ?? '')) lastDay.set(n, m.date);
    const onTheDay = world.certificates.filter((c) => lastDay.get(c.number) === c.expiresOn);
    expect(onTheDay.length).toBeGreaterThan(0);
    for (const c of onTheDay) expect(lent.signedWhileInvalid.some((s) => s.number === c.number)).toBe(false);
    for (const s of lent.signedWhileInvalid) expect(s.date > register.get(s.number)!.expiresOn).toBe(true);
  });

  it('a day of exactly the daily limit is not lending; one more elevator is', () => {
    const perDay = new Map<string, Set<string>>();
    for (const m of world.maintenance)
      for (const n of m.certificateNumbers) {
        const key = `${n}|${m.date}`;
        perDay.set(key, (perDay.get(key) ?? new Set()).add(m.registrationCode));
      }
    const sizes = [...perDay.values()].map((s) => s.size);
    expect(sizes).toContain(RULES.certificateDailyElevatorLimit);
    expect(sizes).toContain(RULES.certificateDailyElevatorLimit + 1);
    expect(lent.overDailyLimit.every((o) => o.elevators > RULES.certificateDailyElevatorLimit)).toBe(true);
    expect(lent.overDailyLimit.some((o) => o.elevators === RULES.certificateDailyElevatorLimit + 1)).toBe(true);
  });
});

describe('hazard closure over the year', () => {
  it('counts hazards found from the same date a year before asOf (the edge is in, the day before is out), closed = verified', () => {
    const from = addYears(world.asOf, -1);
    const onEdge = world.hazards.filter((h) => h.foundOn === from);
    const dayBefore = world.hazards.filter((h) => daysBetween(h.foundOn, from) === 1);
    expect(onEdge.length).toBeGreaterThan(0);
    expect(dayBefore.length).toBeGreaterThan(0);
    const sum = (pick: (c: (typeof manifest.counts)[string]) => number) =>
      Object.values(manifest.counts).reduce((a, c) => a + pick(c), 0);
    const found = world.hazards.filter((h) => h.foundOn >= from && h.foundOn <= world.asOf);
    expect(sum((c) => c.hazardsFoundLastYear)).toBe(found.length);
    expect(sum((c) => c.hazardsClosedLastYear)).toBe(found.filter((h) => h.status === 'VERIFIED').length);
    expect(world.hazards.some((h) => h.status === 'RECTIFIED' && h.foundOn >= from)).toBe(true); // not closed
  });
});

describe('annual reports (年报)', () => {
  it('a holder first licensed after the year it had no report for is not missing one; the feed holds two years', () => {
    expect(planted.licensedAfterYearWithoutReport.length).toBeGreaterThan(0);
    for (const uscc of planted.licensedAfterYearWithoutReport)
      expect(manifest.missingAnnualReports.usccs).not.toContain(uscc);
    const year = manifest.missingAnnualReports.year;
    expect(manifest.annualReportYears).toEqual([year - 1, year]);
  });
});

describe('a major hazard stops its equipment', () => {
  it('every open major hazard but the planted ones sits on equipment that is not in use', () => {
    const open = world.hazards.filter(
      (h) => h.level === 'MAJOR' && (h.status === 'FOUND' || h.status === 'RECTIFYING'),
    );
    expect(open.length).toBeGreaterThan(manifest.majorHazardsInUse.length);
    expect(manifest.majorHazardsInUse.length).toBeGreaterThan(0);
    const listed = new Set(manifest.majorHazardsInUse);
    for (const h of open) expect(inUse(h.registrationCode), h.id).toBe(listed.has(h.id));
  });
});
