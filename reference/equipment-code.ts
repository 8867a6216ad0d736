/**
 * 设备代码, the 18-character equipment code: 4-character catalogue code, 5-digit manufacturer code,
 * 4-digit manufacture year, 5-character manufacturer serial.
 */
import { type Validation, invalid, valid } from './validation.ts';
import { validateCatalogueCode } from './catalogue.ts';

export interface EquipmentCode {
  readonly code: string;
  readonly catalogueCode: string;
  readonly manufacturer: string;
  readonly year: number;
  readonly serial: string;
}

export function parseEquipmentCode(input: string): Validation<EquipmentCode> {
  if (typeof input !== 'string' || !/^[0-9A-Z]{4}\d{5}\d{4}[0-9A-Z]{5}$/.test(input)) {
    return invalid(
      'equipment code must be 18 characters: catalogue code, 5-digit manufacturer, 4-digit year, 5-character serial',
    );
  }
  const catalogue = validateCatalogueCode(input.slice(0, 4));
  if (!catalogue.ok) return invalid(catalogue.reason);
  const year = Number(input.slice(9, 13));
  if (year < 1950 || year > 2100) return invalid(`manufacture year '${year}' is out of range`);
  return valid({
    code: input,
    catalogueCode: input.slice(0, 4),
    manufacturer: input.slice(4, 9),
    year,
    serial: input.slice(13),
  });
}
