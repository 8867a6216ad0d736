import { describe, expect, it } from 'vitest';
import {
  DISTRICTS,
  RETIRED_DISTRICT_CODES,
  currentDistrict,
  isUscc,
  parseEquipmentCode,
  parseRegistrationCode,
  validateCertificateNumber,
} from '../../reference/index.ts';
import { addYears } from './dates.ts';
import { generateWorld } from './generate.ts';
import { idCheckChar } from './people.ts';
import { CITY_ELEVATORS_BY_DISTRICT } from './places.ts';
import { SCALES } from './scales.ts';

const world = generateWorld({ scale: 'test' });

describe('generateWorld determinism', () => {
  it('gives a deep-equal world for the same options, and a different one for another seed', () => {
    expect(generateWorld({ scale: 'test' })).toEqual(world);
    const other = generateWorld({ scale: 'test', seed: 7 });
    expect(other.seed).toBe(7);
    expect(other.enterprises.map((e) => e.uscc)).not.toEqual(world.enterprises.map((e) => e.uscc));
    expect(other.elevators.map((e) => e.maintainerUscc)).not.toEqual(world.elevators.map((e) => e.maintainerUscc));
  });

  it('never calls Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      expect(() => generateWorld({ scale: 'test', seed: 3 })).not.toThrow();
    } finally {
      Math.random = original;
    }
  });

  it('rejects an unknown scale and a malformed asOf', () => {
    expect(() => generateWorld({ scale: 'huge' as never })).toThrow(/unknown seed scale/);
    expect(() => generateWorld({ scale: 'test', asOf: '1 Nov 2026' })).toThrow(/asOf/);
  });
});

describe('sizes and shape', () => {
  it('has the test scale sizes, defaults and every array populated', () => {
    const scale = SCALES.test;
    expect(world).toMatchObject({ scale: 'test', seed: 20211, asOf: '2026-11-01' });
    // The scale counts elevators in use (the published figure): in use, or stopped since by an open major
    // hazard; about 0.7% suspended come on top.
    const rows = new Map(world.equipment.map((e) => [e.registrationCode, e]));
    const stopped = new Set(
      world.hazards
        .filter((h) => h.level === 'MAJOR' && (h.status === 'FOUND' || h.status === 'RECTIFYING'))
        .map((h) => h.registrationCode),
    );
    const counted = world.elevators.filter((e) => {
      const row = rows.get(e.registrationCode)!;
      return row.status === 'IN_USE' || stopped.has(e.registrationCode);
    });
    expect(counted).toHaveLength(scale.elevators);
    expect(world.elevators.length - scale.elevators).toBeCloseTo(scale.elevators * 0.007, -1);
    expect(world.equipment).toHaveLength(world.elevators.length + scale.otherEquipment);
    expect(new Set(world.elevators.map((e) => e.maintainerUscc)).size).toBe(scale.maintainers);
    expect(new Set(world.elevators.map((e) => e.userUscc)).size).toBe(scale.userUnits);
    for (const key of [
      'enterprises',
      'licences',
      'spotChecks',
      'certificates',
      'maintenance',
      'alarms',
      'inspections',
      'hazards',
    ] as const) {
      expect(world[key].length, key).toBeGreaterThan(0);
    }
  });

  it('spreads elevators over the districts in the city proportions', () => {
    const cityTotal = Object.values(CITY_ELEVATORS_BY_DISTRICT).reduce((a, b) => a + b, 0);
    expect(cityTotal).toBe(304_634);
    const district = new Map(world.equipment.map((e) => [e.registrationCode, e.district]));
    for (const d of DISTRICTS) {
      const share =
        world.elevators.filter((e) => district.get(e.registrationCode) === d.code).length / world.elevators.length;
      expect(Math.abs(share - CITY_ELEVATORS_BY_DISTRICT[d.code]! / cityTotal), d.name).toBeLessThan(0.002);
    }
  });

  it('has about 25.8% of elevators installed more than 15 years ago', () => {
    const cutoff = addYears(world.asOf, -15);
    const share = world.elevators.filter((e) => e.installedOn < cutoff).length / world.elevators.length;
    expect(share).toBeGreaterThan(0.23);
    expect(share).toBeLessThan(0.29);
  });

  it('uses mostly 3110 for elevators and real categories for the rest', () => {
    const codes = new Map(world.equipment.map((e) => [e.registrationCode, e.catalogueCode]));
    const passenger = world.elevators.filter((e) => codes.get(e.registrationCode) === '3110').length;
    expect(passenger / world.elevators.length).toBeGreaterThan(0.75);
    const others = new Set(world.equipment.filter((e) => e.catalogueCode[0] !== '3').map((e) => e.catalogueCode));
    for (const code of ['2150', '23T0', '4D00', '4100', '5110']) expect(others.has(code), code).toBe(true);
  });

  it('keeps soft-deleted rows and retired district codes in some records', () => {
    expect(world.equipment.some((e) => e.deleted)).toBe(true);
    const retired = [...world.equipment, ...world.enterprises].filter((r) => r.recordedDistrict !== r.district);
    expect(retired.length).toBeGreaterThan(0);
    for (const r of retired) {
      expect(Object.keys(RETIRED_DISTRICT_CODES)).toContain(r.recordedDistrict);
      expect(currentDistrict(r.recordedDistrict)?.code).toBe(r.district);
    }
  });
});

describe('identifiers', () => {
  it('gives every enterprise a valid, unique USCC whose region is its recorded district', () => {
    const usccs = world.credit.snapshot.enterprises.concat(world.enterprises).map((e) => e.uscc);
    for (const u of usccs) expect(isUscc(u), u).toBe(true);
    expect(new Set(world.enterprises.map((e) => e.uscc)).size).toBe(world.enterprises.length);
    for (const e of world.enterprises) {
      const prefix = e.type === '事业单位' ? '12' : '91';
      expect(e.uscc.slice(0, 8)).toBe(`${prefix}${e.recordedDistrict}`);
    }
  });

  it('makes most hospital and school user units public institutions (事业单位, 12… codes, 上海市 names), the rest companies', () => {
    const equipment = new Map(world.equipment.map((q) => [q.registrationCode, q]));
    const usage = new Map(world.elevators.map((e) => [e.userUscc, equipment.get(e.registrationCode)!.usage]));
    const byCode = new Map(world.enterprises.map((e) => [e.uscc, e]));
    const units = [...usage].map(([uscc, u]) => ({ e: byCode.get(uscc)!, usage: u }));
    const publicShare = (u: string) => {
      const of = units.filter((x) => x.usage === u);
      return of.filter((x) => x.e.type === '事业单位').length / of.length;
    };
    expect(publicShare('HOSPITAL')).toBeGreaterThan(0.4);
    expect(publicShare('HOSPITAL')).toBeLessThan(1);
    expect(publicShare('SCHOOL')).toBeGreaterThan(0.5);
    const institutions = world.enterprises.filter((e) => e.type === '事业单位');
    for (const e of institutions) {
      expect(e.uscc.slice(0, 2)).toBe('12');
      expect(e.name).toMatch(/^上海市.+(医院|卫生服务中心|保健院|学校|中学|小学)$/);
    }
    // Only hospitals and schools are institutions.
    for (const x of units) if (x.e.type === '事业单位') expect(['HOSPITAL', 'SCHOOL']).toContain(x.usage);
  });

  it('gives equipment unique registration codes that parse and encode the registration month and region', () => {
    const codes = world.equipment.map((e) => e.registrationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of world.equipment) {
      const parsed = parseRegistrationCode(e.registrationCode);
      expect(parsed.ok, e.registrationCode).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.region).toBe(e.recordedDistrict);
      expect(`${parsed.value.year}-${String(parsed.value.month).padStart(2, '0')}`).toBe(e.registeredOn.slice(0, 7));
      expect(parseEquipmentCode(e.equipmentCode).ok, e.equipmentCode).toBe(true);
    }
    expect(new Set(world.equipment.map((e) => e.equipmentCode)).size).toBe(codes.length);
    expect(new Set(world.equipment.map((e) => e.certificateOfUse)).size).toBe(codes.length);
    expect(new Set(world.elevators.map((e) => e.qrId)).size).toBe(world.elevators.length);
  });

  it('gives certificates valid unique numbers, ID numbers with a GB 11643 check digit and 11-digit phones', () => {
    expect(new Set(world.certificates.map((c) => c.number)).size).toBe(world.certificates.length);
    for (const c of world.certificates) {
      expect(validateCertificateNumber(c.number).ok, c.number).toBe(true);
      expect(c.holderId).toMatch(/^\d{17}[\dX]$/);
      expect(c.holderId[17]).toBe(idCheckChar(c.holderId.slice(0, 17)));
      expect(c.holderPhone).toMatch(/^1\d{10}$/);
    }
    for (const e of world.enterprises) {
      expect(e.legalRepresentativeId[17]).toBe(idCheckChar(e.legalRepresentativeId.slice(0, 17)));
      expect(e.phone).toMatch(/^\d{11}$/);
      expect(e.name).toMatch(e.type === '事业单位' ? /^上海市/ : /^上海.+(公司)$/);
    }
  });
});
