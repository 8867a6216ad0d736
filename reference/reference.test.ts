import { describe, expect, it } from 'vitest';
import {
  DISTRICTS,
  currentDistrict,
  formatCertificateNumber,
  formatRegistrationCode,
  isElevatorCatalogueCode,
  parseEquipmentCode,
  parseRegistrationCode,
  validateCatalogueCode,
  validateCertificateNumber,
} from './index.ts';

describe('districts', () => {
  it('has the 16 districts with unique GB/T 2260 codes', () => {
    expect(DISTRICTS).toHaveLength(16);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(16);
    expect(DISTRICTS.every((d) => /^3101\d\d$/.test(d.code))).toBe(true);
  });

  it('maps retired codes to the district that absorbed them', () => {
    expect(currentDistrict('310108')?.name).toBe('静安区');
    expect(currentDistrict('310230')?.name).toBe('崇明区');
    expect(currentDistrict('310115')?.name).toBe('浦东新区');
    expect(currentDistrict('310102')).toBeUndefined(); // 南市区 was not kept: not a code we accept
    expect(currentDistrict('110101')).toBeUndefined();
  });
});

describe('registration codes', () => {
  it('parses the documented example', () => {
    const r = parseRegistrationCode('21603101012006010101');
    expect(r).toEqual({
      ok: true,
      value: { code: '21603101012006010101', category: '2160', region: '310101', year: 2006, month: 1, sequence: 101 },
    });
  });

  it('round-trips through formatRegistrationCode', () => {
    const code = formatRegistrationCode('3110', '310115', 2019, 7, 42);
    expect(code).toBe('31103101152019070042');
    expect(parseRegistrationCode(code).ok).toBe(true);
  });

  it.each([
    ['3110310115201907004', '20 digits'],
    ['311031011520190700421', '20 digits'],
    ['3110310115201913004A', '20 digits'],
    ['31103101152019130042', "month '13'"],
    ['31103101152019000042', "month '00'"],
    ['31103101151800070042', "year '1800'"],
  ])('rejects %s', (input, reason) => {
    const r = parseRegistrationCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('equipment codes and the catalogue', () => {
  it('parses codes whose catalogue part has letters', () => {
    const r = parseEquipmentCode('23T0123452015AB123');
    expect(r).toEqual({
      ok: true,
      value: { code: '23T0123452015AB123', catalogueCode: '23T0', manufacturer: '12345', year: 2015, serial: 'AB123' },
    });
    expect(parseEquipmentCode('4D00000012020X0001').ok).toBe(true);
  });

  it.each([
    '3110123452015AB12',
    '3110A23452015AB123',
    '31101234520A5AB123',
    'x110123452015AB123',
    'G110123452015AB123',
  ])('rejects %s', (input) => {
    expect(parseEquipmentCode(input).ok).toBe(false);
  });

  it('names catalogue codes and falls back to the top-level category', () => {
    expect(validateCatalogueCode('3110')).toMatchObject({
      ok: true,
      value: { name: '曳引驱动乘客电梯', category: 'ELEVATOR' },
    });
    expect(validateCatalogueCode('23T0')).toMatchObject({
      ok: true,
      value: { name: '特种气瓶', category: 'PRESSURE_VESSEL' },
    });
    expect(validateCatalogueCode('F000')).toMatchObject({ ok: true, value: { category: 'SAFETY_ACCESSORY' } });
    expect(validateCatalogueCode('3999')).toMatchObject({ ok: true, value: { name: '电梯', category: 'ELEVATOR' } });
    expect(validateCatalogueCode('0100').ok).toBe(false);
    expect(validateCatalogueCode('31a0').ok).toBe(false);
    expect(isElevatorCatalogueCode('3310')).toBe(true);
    expect(isElevatorCatalogueCode('4D00')).toBe(false);
  });
});

describe('operator certificate numbers', () => {
  it('formats and validates', () => {
    const n = formatCertificateNumber('Q1', 123);
    expect(n).toBe('TZQ1-310000000123');
    expect(validateCertificateNumber(n)).toEqual({ ok: true, value: { number: n, item: 'Q1' } });
  });

  it.each(['TZT-31000012345', 'TZX-310000123456', 'TZT-320000123456', 'tzt-310000123456', 'TZT310000123456'])(
    'rejects %s',
    (input) => {
      expect(validateCertificateNumber(input).ok).toBe(false);
    },
  );
});
