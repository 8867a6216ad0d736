import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, buildUscc, isMarketRegistered, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc.ts';

const REAL = ['91310000132260250X', '9131000013221158XC'];

describe('validateUscc', () => {
  it.each(REAL)('accepts the real code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case and surrounding space', () => {
    expect(validateUscc(' 91310000132260250x ')).toEqual({ ok: true, value: '91310000132260250X' });
  });

  it('rejects every single-character change of a real code', () => {
    for (const code of REAL) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_ALPHABET) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(validateUscc(changed).ok, changed).toBe(false);
        }
      }
    }
  });

  it.each([
    ['', 'must be 18 characters, got 0'],
    ['91310000132260250', 'must be 18 characters, got 17'],
    ['91310000132260250XX', 'must be 18 characters, got 19'],
    ['9131000013226025OX', "character 17 'O' is not allowed"],
    ['91310000I32260250X', "character 9 'I' is not allowed"],
    ['Z1310000132260250X', "character 1 'Z' is not allowed"],
    ['H1310000132260250X', "registering authority 'H' is unknown"],
    ['9131A000132260250X', 'characters 3-8 must be a 6-digit region code'],
    ['91310000132260251X', "organisation code check character should be '0', got '1'"],
    ['91310000132260250Y', "check character should be 'X', got 'Y'"],
  ])('rejects %j: %s', (input, reason) => {
    const result = validateUscc(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('builds codes that validate, for any organisation body', () => {
    const bodies = ['13226025', '13221158', 'MA1FL3XY', '00000000', 'YYYYYYYY'];
    for (const body of bodies) {
      const code = buildUscc('91310115', body);
      expect(validateUscc(code), code).toEqual({ ok: true, value: code });
    }
  });

  it('computes the documented check characters', () => {
    expect(usccCheckChar('91310000132260250')).toBe('X');
    expect(orgCodeCheckChar('13226025')).toBe('0');
    expect(orgCodeCheckChar('13221158')).toBe('X');
  });
});

describe('public institutions (事业单位, authority 1 机构编制, type 2)', () => {
  // A code of the shape a district 编办 issues: 12 + the district + the unit's organisation code + check.
  const institution = buildUscc('12310104', '42500611');

  it('accepts a 12… code with both check characters right, and rejects every single-character change', () => {
    expect(institution.slice(0, 8)).toBe('12310104');
    expect(validateUscc(institution)).toEqual({ ok: true, value: institution });
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === institution[i]) continue;
        const changed = institution.slice(0, i) + c + institution.slice(i + 1);
        expect(validateUscc(changed).ok, changed).toBe(false);
      }
    }
  });

  it('reads only codes issued by market supervision (9…) as units that publish an enterprise annual report', () => {
    expect(isMarketRegistered(institution)).toBe(false);
    expect(isMarketRegistered('91310000132260250X')).toBe(true);
    expect(isMarketRegistered(buildUscc('92310115', '42500611'))).toBe(true); // 个体工商户 also report
    expect(isMarketRegistered(buildUscc('51310000', '42500611'))).toBe(false); // 社会团体 (民政)
  });
});
