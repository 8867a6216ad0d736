/**
 * Scopes and districts as the command line gives them (`npm run token`, `npm run clients`): a comma list,
 * `all` for every scope; without scopes, every scope but personal data and the audit trail; without
 * districts, the whole city.
 */
import { READ_SCOPES, type Scope, SCOPES } from '../../graph/caller.ts';
import { isDistrictCode } from '../../reference/districts.ts';

export function parseScopes(text: string | undefined): Scope[] {
  if (text === undefined) return [...READ_SCOPES];
  if (text.trim() === 'all') return [...SCOPES];
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown scope ${unknown.join(', ')}; the scopes are ${SCOPES.join(', ')} (or all)`);
  return scopes as Scope[];
}

export function parseDistricts(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const codes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = codes.filter((c) => !isDistrictCode(c));
  if (unknown.length > 0 || codes.length === 0)
    throw new Error(`--districts takes current district codes (GB/T 2260, e.g. 310104,310115), got '${text}'`);
  return [...new Set(codes)];
}
