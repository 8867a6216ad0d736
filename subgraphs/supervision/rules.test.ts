import { describe, expect, it } from 'vitest';
import type { Licence } from '../../adapters/permit/types.ts';
import { scopeCovers, uncoveredReason } from './rules.ts';

const licence = (over: Partial<Licence>): Licence => ({
  number: 'TS3531000001-2028',
  holderUscc: '91310000132260250X',
  type: 'MAINTENANCE',
  scope: ['3000'],
  issuedOn: '2024-01-01',
  expiresOn: '2028-01-01',
  status: 'VALID',
  selfDeclared: false,
  ...over,
});

describe('the licence rule', () => {
  it('a top-level scope code covers its category; a specific one only itself', () => {
    expect(scopeCovers(['3000'], '3310')).toBe(true);
    expect(scopeCovers(['3110', '3120'], '3310')).toBe(false);
    expect(scopeCovers(['3110'], '3110')).toBe(true);
    expect(scopeCovers(['2000'], '3110')).toBe(false);
  });

  it('covered when a licence in force on the day covers the code (EXPIRED status still covered its own dates)', () => {
    expect(uncoveredReason([licence({})], '2026-10-01', '3110')).toBeNull();
    expect(uncoveredReason([licence({ status: 'EXPIRED', expiresOn: '2026-10-05' })], '2026-10-01', '3110')).toBeNull();
  });

  it('names the nearest miss', () => {
    expect(uncoveredReason([], '2026-10-01', '3110')).toBe('NO_LICENCE');
    expect(uncoveredReason([licence({ status: 'EXPIRED', expiresOn: '2026-09-30' })], '2026-10-01', '3110')).toBe(
      'EXPIRED',
    );
    expect(uncoveredReason([licence({ issuedOn: '2026-10-02' })], '2026-10-01', '3110')).toBe('EXPIRED');
    expect(uncoveredReason([licence({ status: 'SUSPENDED' })], '2026-10-01', '3110')).toBe('SUSPENDED_OR_REVOKED');
    expect(uncoveredReason([licence({ status: 'REVOKED' })], '2026-10-01', '3110')).toBe('SUSPENDED_OR_REVOKED');
    expect(uncoveredReason([licence({ scope: ['3110'] })], '2026-10-01', '3310')).toBe('OUT_OF_SCOPE');
    // Out of scope wins over an older expired licence: the company was licensed that day, just not for this.
    expect(
      uncoveredReason(
        [licence({ scope: ['3110'] }), licence({ status: 'EXPIRED', issuedOn: '2020-01-01', expiresOn: '2023-12-31' })],
        '2026-10-01',
        '3310',
      ),
    ).toBe('OUT_OF_SCOPE');
  });
});
