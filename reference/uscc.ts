/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015).
 * 18 characters: authority, type, 6-digit region, 9-character organisation code (GB 11714, with its
 * own check character), and a check character over the first 17.
 */
import { type Validation, invalid, valid } from './validation.ts';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const AUTHORITIES = new Set('123456789ABCDEFGNY');

/** The GB 32100 check character for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character for an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(input: string): Validation<string> {
  if (typeof input !== 'string') return invalid('must be a string');
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return invalid(`must be 18 characters, got ${code.length}`);
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!)) {
      return invalid(`character ${i + 1} '${code[i]}' is not allowed (I, O, S, V, Z and symbols never appear)`);
    }
  }
  if (!AUTHORITIES.has(code[0]!)) return invalid(`registering authority '${code[0]}' is unknown`);
  if (!/^\d{6}$/.test(code.slice(2, 8))) return invalid('characters 3-8 must be a 6-digit region code');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code.slice(8, 17))) {
    return invalid('characters 9-17 must be an organisation code (8 letters or digits, then a digit or X)');
  }
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgCheck)
    return invalid(`organisation code check character should be '${orgCheck}', got '${code[16]}'`);
  const check = usccCheckChar(code.slice(0, 17));
  if (code[17] !== check) return invalid(`check character should be '${check}', got '${code[17]}'`);
  return valid(code);
}

/**
 * Whether the code was issued by market supervision (工商, character 1 is 9): enterprises, individual businesses
 * and co-ops, the units that publish an enterprise annual report (企业年报). A 事业单位 (12…, 机构编制) or a
 * 社会组织 (5…, 民政) reports to its own registration authority instead.
 */
export function isMarketRegistered(uscc: string): boolean {
  return uscc[0] === '9';
}

export function isUscc(input: string): boolean {
  return validateUscc(input).ok;
}

/** Completes 8 organisation-code characters and a 8-character prefix into a valid USCC. */
export function buildUscc(prefix8: string, orgBody8: string): string {
  const first17 = prefix8 + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + usccCheckChar(first17);
}
