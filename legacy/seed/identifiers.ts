/**
 * Unique identifiers for equipment: 20-digit registration codes (category + registering region +
 * YYYYMM + sequence within that month), 18-character equipment codes, certificates of use and QR ids.
 */
import { formatRegistrationCode } from '../../reference/registration-code.ts';

/**
 * The registration category is 4 digits: catalogue codes with letters (23T0, 4D00) keep their leading
 * digits and are padded with zeros (2300, 4000).
 */
function registrationCategory(catalogueCode: string): string {
  const digits = /^\d+/.exec(catalogueCode)?.[0] ?? '';
  return digits.padEnd(4, '0');
}

const USE_CHARACTER: Readonly<Record<string, string>> = {
  '1': '锅',
  '2': '容',
  '3': '梯',
  '4': '起',
  '5': '车',
  '6': '游',
  '9': '索',
};
const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class EquipmentIdentifiers {
  private readonly sequences = new Map<string, number>();
  private readonly serials = new Map<string, number>();
  private readonly useSerials = new Map<string, number>();
  private qrSerial = 0;

  registrationCode(catalogueCode: string, region: string, registeredOn: string): string {
    const year = Number(registeredOn.slice(0, 4));
    const month = Number(registeredOn.slice(5, 7));
    const category = registrationCategory(catalogueCode);
    const key = `${category}${region}${year}${month}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    if (sequence > 9999) throw new Error(`more than 9,999 registrations in ${key}`);
    this.sequences.set(key, sequence);
    return formatRegistrationCode(category, region, year, month, sequence);
  }

  equipmentCode(catalogueCode: string, manufacturerCode: string, manufacturedOn: string): string {
    const key = manufacturerCode + manufacturedOn.slice(0, 4);
    let n = (this.serials.get(key) ?? 0) + 1;
    this.serials.set(key, n);
    let serial = '';
    for (let i = 0; i < 5; i++) {
      serial = BASE36[n % 36]! + serial;
      n = Math.floor(n / 36);
    }
    return `${catalogueCode}${manufacturerCode}${manufacturedOn.slice(0, 4)}${serial}`;
  }

  /** 使用登记证编号, e.g. 梯11沪A12345(16). */
  certificateOfUse(catalogueCode: string, registeredOn: string): string {
    const character = USE_CHARACTER[catalogueCode[0]!] ?? '特';
    const serial = (this.useSerials.get(character) ?? 0) + 1;
    this.useSerials.set(character, serial);
    return `${character}${catalogueCode.slice(1, 3)}沪A${String(serial).padStart(5, '0')}(${registeredOn.slice(2, 4)})`;
  }

  /** 上海智慧电梯码: 'SH' + 8 digits, unique, not in registration order (a multiplicative scramble). */
  qrId(): string {
    return `SH${String((this.qrSerial++ * 7_919_423 + 1_234_567) % 100_000_000).padStart(8, '0')}`;
  }
}
