/**
 * Operator certificate (特种设备作业人员证) items and number format. Certificates are valid 4 years.
 * The number format is this project's convention for the permit system: 'TZ' + item + '-' + 2-digit
 * province-city prefix '31' + 10 digits, e.g. TZT-310000123456 (item letters vary in length).
 */
import { type Validation, invalid, valid } from './validation.ts';

export const CERTIFICATE_ITEMS: Readonly<Record<string, string>> = {
  A: '特种设备安全管理',
  G1: '工业锅炉司炉',
  G2: '电站锅炉司炉',
  G3: '锅炉水处理',
  R1: '快开门式压力容器操作',
  R2: '移动式压力容器充装',
  P: '气瓶充装',
  T: '电梯修理',
  Q1: '起重机指挥',
  Q2: '起重机司机',
  N1: '叉车司机',
  N2: '观光车和观光列车司机',
};

const NUMBER = /^TZ([A-Z][0-9]?)-31(\d{10})$/;

export function validateCertificateNumber(input: string): Validation<{ number: string; item: string }> {
  const m = typeof input === 'string' ? NUMBER.exec(input) : null;
  if (!m) return invalid("certificate number must look like 'TZT-310000123456' (TZ, item code, '-31', 10 digits)");
  const item = m[1]!;
  if (!CERTIFICATE_ITEMS[item]) return invalid(`certificate item '${item}' is not a known operator item`);
  return valid({ number: input, item });
}

export function formatCertificateNumber(item: string, serial: number): string {
  return `TZ${item}-31${String(serial).padStart(10, '0')}`;
}
