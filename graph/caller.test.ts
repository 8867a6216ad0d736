import { describe, expect, it } from 'vitest';
import { ANONYMOUS, mayReadPersonalData, READ_SCOPES, SCOPES } from './caller.ts';

describe('callers and scopes', () => {
  it('read scopes are scopes, and never open personal data or the audit trail', () => {
    for (const scope of READ_SCOPES) expect(SCOPES).toContain(scope);
    expect(READ_SCOPES).not.toContain('personal-data:read');
    expect(READ_SCOPES).not.toContain('audit:read');
  });

  it('an anonymous caller reads the whole city, masked', () => {
    expect(ANONYMOUS.districts).toBeUndefined();
    expect(mayReadPersonalData(ANONYMOUS)).toBe(false);
    expect(mayReadPersonalData({ ...ANONYMOUS, scopes: new Set(['personal-data:read']) })).toBe(true);
  });
});
