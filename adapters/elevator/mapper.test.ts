/**
 * The alarm record's mapping: the platform's state code (报警状态) and the times of each step become the
 * domain's state and instants; a record whose state code is unknown, missing or contradicts its times
 * becomes LEGACY_BAD_DATA naming the field, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { toAlarm } from './mapper.ts';

const RAISED = 1_763_600_000_000;
const record = {
  xh: 7,
  bjbh: 'BJ00000007',
  zcdm: '31103100002010010001',
  bjlx: '01',
  bjly: 'A',
  bjsj: RAISED,
  jjsj: RAISED + 60_000,
  ddsj: RAISED + 900_000,
  jcsj: RAISED + 1_800_000,
  jasj: RAISED + 7_200_000,
  bjzt: '5',
};

describe('toAlarm', () => {
  it('maps the state code and the time of every step', () => {
    expect(toAlarm(record)).toEqual({
      id: 'BJ00000007',
      registrationCode: '31103100002010010001',
      kind: 'ENTRAPMENT',
      source: 'INTERCOM',
      state: 'CLOSED',
      raisedAt: new Date(RAISED),
      acceptedAt: new Date(RAISED + 60_000),
      arrivedAt: new Date(RAISED + 900_000),
      resolvedAt: new Date(RAISED + 1_800_000),
      closedAt: new Date(RAISED + 7_200_000),
    });
    expect(toAlarm({ ...record, bjzt: '2', ddsj: 0, jcsj: 0, jasj: 0 })).toMatchObject({
      state: 'ACCEPTED',
      acceptedAt: new Date(RAISED + 60_000),
      arrivedAt: null,
      closedAt: null,
    });
    expect(toAlarm({ ...record, bjzt: '1', jjsj: 0, ddsj: 0, jcsj: 0, jasj: 0 })).toMatchObject({
      state: 'RAISED',
      acceptedAt: null,
    });
  });

  it.each([
    ['an unknown state code', { ...record, bjzt: '9' }, /bjzt: bjzt is not an alarm state code/],
    ['a state code typed as a number', { ...record, bjzt: 5 }, /bjzt: bjzt is not an alarm state code/],
    ['no state code', { ...record, bjzt: undefined }, /bjzt/],
    ['closed without a closing time', { ...record, jasj: 0 }, /bjzt: state 5 without its time jasj/],
    ['accepted without an acceptance time', { ...record, bjzt: '2', jjsj: 0 }, /state 2 without its time jjsj/],
    ['an acceptance time as text', { ...record, jjsj: '2026-11-20 08:01' }, /jjsj/],
  ])('turns %s into LEGACY_BAD_DATA for that alarm', (_what, raw, message) => {
    const result = toAlarm(raw);
    expect(result).toBeInstanceOf(LegacyError);
    expect((result as LegacyError).message).toMatch(message);
    expect((result as LegacyError).message).toContain('31103100002010010001');
    expect((result as LegacyError).extensions).toMatchObject({ code: 'LEGACY_BAD_DATA', system: 'elevator' });
  });

  it('turns what is no record at all into LEGACY_BAD_DATA without a key', () => {
    for (const raw of [null, 'BJ00000007', 42, []]) {
      const result = toAlarm(raw);
      expect(result).toBeInstanceOf(LegacyError);
      expect((result as LegacyError).extensions).toMatchObject({ code: 'LEGACY_BAD_DATA' });
    }
  });
});
