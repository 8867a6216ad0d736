import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Caller } from '../../graph/caller.ts';
import { districtsKey, districtsToCover, districtsWithin, mayReadDistrict, visibleDistrictCodes } from './districts.ts';

const JINGAN: Caller = { ...ANONYMOUS, subject: 'jingan-bureau', districts: ['310106'] };
const TWO: Caller = { ...ANONYMOUS, subject: 'two', districts: ['310115', '310104', '310115'] };

describe('which districts a caller sees', () => {
  it('lets a caller without districts see the whole city', () => {
    expect(districtsWithin(ANONYMOUS)).toBeUndefined();
    expect(districtsWithin({ ...ANONYMOUS, districts: [] })).toBeUndefined();
    expect(mayReadDistrict(ANONYMOUS, '310115')).toBe(true);
    expect(visibleDistrictCodes(ANONYMOUS)).toHaveLength(16);
    expect(districtsToCover(ANONYMOUS, undefined)).toBeUndefined();
    expect(districtsToCover(ANONYMOUS, '310104')).toEqual(['310104']);
  });

  it("judges rows by today's district, retired codes included, and nothing without a district", () => {
    expect(mayReadDistrict(JINGAN, '310106')).toBe(true);
    expect(mayReadDistrict(JINGAN, '310108')).toBe(true); // 闸北区, merged into 静安区
    expect(mayReadDistrict(JINGAN, '310104')).toBe(false);
    expect(mayReadDistrict(JINGAN, null)).toBe(false);
    expect(mayReadDistrict(JINGAN, '999999')).toBe(false);
  });

  it('covers the asked district only when it is the caller’s, else nothing, else all its districts', () => {
    expect(districtsWithin(TWO)).toEqual(['310104', '310115']);
    expect(districtsToCover(TWO, undefined)).toEqual(['310104', '310115']);
    expect(districtsToCover(TWO, '310115')).toEqual(['310115']);
    expect(districtsToCover(TWO, '310106')).toEqual([]);
    expect(visibleDistrictCodes(TWO)).toEqual(['310104', '310115']);
  });

  it('keys remembered answers by the districts covered, whatever their order', () => {
    expect(districtsKey(undefined)).toBe('*');
    expect(districtsKey(['310115', '310104'])).toBe(districtsKey(['310104', '310115']));
    expect(districtsKey([])).not.toBe(districtsKey(undefined));
  });
});
