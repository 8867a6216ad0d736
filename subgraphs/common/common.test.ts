import { describe, expect, it } from 'vitest';
import { encodeCursor, toConnection, toPage } from './connection.ts';
import { DateScalar, DateTimeScalar, toShanghaiIso } from './scalars.ts';
import { districtArg, registrationCodeArg, usccArg } from './arguments.ts';

describe('connections', () => {
  it('pages by opaque cursors and reports whether more follow', () => {
    const first = toPage({ first: 2 });
    const c = toConnection(['a', 'b'], first, 5);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = toPage({ first: 2, after: c.pageInfo.endCursor });
    expect(next).toEqual({ offset: 2, limit: 2 });
    const last = toConnection(['e'], toPage({ first: 2, after: encodeCursor(3) }), 5);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.edges[0]?.node).toBe('e');
  });

  it('refuses oversized pages and forged cursors with BAD_USER_INPUT', () => {
    expect(() => toPage({ first: 101 })).toThrow('first must be from 0 to 100, got 101');
    expect(() => toPage({ first: -1 })).toThrow('first must be from 0 to 100');
    try {
      toPage({ after: 'not-a-cursor' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    }
  });
});

describe('scalars', () => {
  it('renders instants in Asia/Shanghai', () => {
    expect(toShanghaiIso(new Date('2026-11-01T16:30:00Z'))).toBe('2026-11-02T00:30:00+08:00');
    expect(DateTimeScalar.serialize(1_700_000_000_000)).toBe('2023-11-15T06:13:20+08:00');
  });

  it('accepts only real ISO dates', () => {
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(() => DateScalar.parseValue('2026-2-28')).toThrow("Date must be 'YYYY-MM-DD'");
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow();
  });
});

describe('identifier arguments', () => {
  it('says what is wrong with a malformed code, as BAD_USER_INPUT naming the argument', () => {
    try {
      usccArg('91310000132260250Y');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        message: "uscc is not a valid unified social credit code: check character should be 'X', got 'Y'",
        extensions: { code: 'BAD_USER_INPUT', argument: 'uscc' },
      });
    }
    expect(() => registrationCodeArg('123')).toThrow(
      'code is not a valid registration code: registration code must be 20 digits',
    );
  });

  it('maps retired district codes and refuses others', () => {
    expect(districtArg('310108')).toBe('310106');
    expect(districtArg('310115')).toBe('310115');
    expect(() => districtArg("310115' OR 1=1")).toThrow('is not a Shanghai district code');
  });
});
