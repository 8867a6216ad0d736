import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ITEMS, isElevatorCatalogueCode } from '../../reference/index.ts';
import { generateWorld, plantedIn } from './generate.ts';
import { scopeCovers } from './manifest-rules.ts';

const world = generateWorld({ scale: 'test' });
const usccs = new Set(world.enterprises.map((e) => e.uscc));
const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
const certificates = new Map(world.certificates.map((c) => [c.number, c]));
const roles = new Map(world.enterprises.map((e) => [e.uscc, e.roles]));

describe('every reference resolves', () => {
  it('every USCC referenced anywhere is an enterprise of the world', () => {
    const referenced = [
      ...world.licences.map((l) => l.holderUscc),
      ...world.spotChecks.map((s) => s.uscc),
      ...world.certificates.map((c) => c.employerUscc),
      ...world.equipment.map((e) => e.userUscc),
      ...world.elevators.flatMap((e) => [e.maintainerUscc, e.userUscc, ...(e.installerUscc ? [e.installerUscc] : [])]),
      ...world.maintenance.map((m) => m.companyUscc),
    ];
    const state = world.credit;
    const finalRows = [
      ...state.snapshot.annualReports,
      ...state.snapshot.penalties,
      ...state.snapshot.abnormalListings,
      ...state.snapshot.seriousViolations,
    ]
      .map((r) => r.uscc)
      .filter((u) => !state.increments.some((c) => c.kind === 'removeEnterprise' && c.uscc === u));
    for (const u of [...referenced, ...finalRows]) expect(usccs.has(u), u).toBe(true);
  });

  it('every registration code referenced is an equipment row; elevators are elevator rows used by the same unit', () => {
    for (const r of [...world.maintenance, ...world.alarms, ...world.inspections, ...world.hazards]) {
      expect(equipment.has(r.registrationCode), r.registrationCode).toBe(true);
    }
    for (const e of world.elevators) {
      const row = equipment.get(e.registrationCode)!;
      expect(isElevatorCatalogueCode(row.catalogueCode)).toBe(true);
      expect(row.userUscc).toBe(e.userUscc);
      expect(e.installedOn <= row.registeredOn).toBe(true);
    }
    const elevatorCodes = new Set(world.elevators.map((e) => e.registrationCode));
    expect(
      world.equipment
        .filter((e) => isElevatorCatalogueCode(e.catalogueCode))
        .every((e) => elevatorCodes.has(e.registrationCode)),
    ).toBe(true);
    expect(world.maintenance.every((m) => elevatorCodes.has(m.registrationCode))).toBe(true);
  });

  it('every certificate in a maintenance record exists and is an elevator (T) certificate, except the planted other items', () => {
    const planted = new Set(plantedIn(world)!.wrongItemCertificates);
    for (const m of world.maintenance) {
      for (const n of m.certificateNumbers) {
        const c = certificates.get(n);
        expect(c, n).toBeDefined();
        if (!planted.has(n)) expect(c!.item).toBe('T');
      }
    }
    for (const c of world.certificates) {
      expect(CERTIFICATE_ITEMS[c.item]).toBeDefined();
      if (c.item === 'T') expect(roles.get(c.employerUscc)).toContain('maintainer');
    }
  });

  it('maintainers hold an installation, repair or manufacture licence, installers INSTALLATION; maintained elevators are in some maintainer scope', () => {
    const held = (uscc: string, ...types: string[]) =>
      world.licences.filter((l) => l.holderUscc === uscc && types.includes(l.type));
    for (const e of world.enterprises) {
      if (e.roles.includes('maintainer'))
        expect(held(e.uscc, 'INSTALLATION', 'REPAIR', 'MANUFACTURE').length, e.name).toBeGreaterThan(0);
      if (e.roles.includes('installer'))
        expect(held(e.uscc, 'INSTALLATION', 'MANUFACTURE').length, e.name).toBeGreaterThan(0);
    }
    for (const m of world.elevators) expect(roles.get(m.maintainerUscc)).toContain('maintainer');
    expect(scopeCovers(['3000'], '3310')).toBe(true);
    expect(scopeCovers(['3110', '3120'], '3310')).toBe(false);
  });

  it('keeps every date on or before asOf', () => {
    const dates = [
      ...world.maintenance.map((m) => m.date),
      ...world.inspections.map((i) => i.date),
      ...world.hazards.map((h) => h.foundOn),
      ...world.alarms.map((a) => a.raisedAt.slice(0, 10)),
      ...world.equipment.map((e) => e.registeredOn),
      ...world.enterprises.map((e) => e.establishedOn),
      ...world.licences.map((l) => l.issuedOn),
      ...world.certificates.map((c) => c.issuedOn),
      ...world.credit.increments.map((c) => c.on),
    ];
    expect(dates.filter((d) => d > world.asOf)).toEqual([]);
  });
});

describe('the handling of each alarm', () => {
  const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
  const clock = `${world.asOf}T23:59:00+08:00`;

  it('is accepted 1 to 4 minutes after raising, before anyone arrives; only alarms of the last minutes wait for it', () => {
    for (const a of world.alarms) {
      if (a.acceptedAt === null) {
        expect(minutes(a.raisedAt, clock), a.id).toBeLessThan(4);
        expect(a.arrivedAt, a.id).toBeNull();
        continue;
      }
      expect(minutes(a.raisedAt, a.acceptedAt), a.id).toBeGreaterThanOrEqual(1);
      expect(minutes(a.raisedAt, a.acceptedAt), a.id).toBeLessThanOrEqual(4);
      if (a.arrivedAt !== null) expect(Date.parse(a.acceptedAt), a.id).toBeLessThan(Date.parse(a.arrivedAt));
    }
    expect(world.alarms.filter((a) => a.acceptedAt !== null).length).toBeGreaterThan(world.alarms.length * 0.9);
  });

  it('is closed 10 minutes to 4 hours after its release, never before it nor after the clock', () => {
    for (const a of world.alarms) {
      if (a.closedAt === null) {
        if (a.resolvedAt !== null) expect(minutes(a.resolvedAt, clock), a.id).toBeLessThan(240);
        continue;
      }
      expect(a.resolvedAt, a.id).not.toBeNull();
      expect(minutes(a.resolvedAt!, a.closedAt), a.id).toBeGreaterThanOrEqual(10);
      expect(minutes(a.resolvedAt!, a.closedAt), a.id).toBeLessThanOrEqual(240);
      expect(Date.parse(a.closedAt), a.id).toBeLessThanOrEqual(Date.parse(clock));
    }
    const released = world.alarms.filter((a) => a.resolvedAt !== null);
    expect(released.filter((a) => a.closedAt !== null).length).toBeGreaterThan(released.length * 0.9);
  });
});
