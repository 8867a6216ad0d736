/**
 * 注册代码, the 20-digit registration code: 4-digit category, 6-digit region of the registering office,
 * YYYYMM of registration, 4-digit sequence within that month. Example: 21603101012006010101.
 * Pre-2014 records use old category codes, so the category part is reported, not judged.
 */
import { type Validation, invalid, valid } from './validation.ts';

export interface RegistrationCode {
  readonly code: string;
  readonly category: string;
  readonly region: string;
  readonly year: number;
  readonly month: number;
  readonly sequence: number;
}

export function parseRegistrationCode(input: string): Validation<RegistrationCode> {
  if (typeof input !== 'string' || !/^\d{20}$/.test(input)) {
    return invalid(`registration code must be 20 digits, got ${JSON.stringify(String(input).slice(0, 40))}`);
  }
  const year = Number(input.slice(10, 14));
  const month = Number(input.slice(14, 16));
  if (month < 1 || month > 12)
    return invalid(`registration month '${input.slice(14, 16)}' (digits 15-16) is not 01-12`);
  if (year < 1950 || year > 2100) return invalid(`registration year '${year}' (digits 11-14) is out of range`);
  return valid({
    code: input,
    category: input.slice(0, 4),
    region: input.slice(4, 10),
    year,
    month,
    sequence: Number(input.slice(16, 20)),
  });
}

export function formatRegistrationCode(
  category: string,
  region: string,
  year: number,
  month: number,
  sequence: number,
): string {
  return `${category}${region}${year}${String(month).padStart(2, '0')}${String(sequence).padStart(4, '0')}`;
}
