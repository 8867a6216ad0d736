/**
 * Chinese person names, resident ID numbers (GB 11643, valid check digit) and mobile numbers.
 */
import type { Random } from './random.ts';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏斌宇浩凯健俊帆晨阳海波宁欣怡佳琪雪梅志国庆峰亮飞翔鑫瑞嘉毅诚',
];
/** Birthplace region prefixes: Shanghai mostly, then the neighbouring provinces. */
const BIRTH_REGIONS = [
  '310101',
  '310104',
  '310110',
  '310115',
  '310112',
  '320102',
  '320582',
  '330106',
  '340104',
  '410102',
  '510104',
  '362502',
];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const MOBILE_PREFIXES = [
  '130',
  '131',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
];

export function personName(random: Random): string {
  const given = random.pick(GIVEN) + (random.chance(0.7) ? random.pick(GIVEN) : '');
  return random.pick(SURNAMES) + given;
}

/** GB 11643 check character for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-digit resident ID for someone born between the given years. */
export function idNumber(random: Random, bornFrom = 1960, bornTo = 2000): string {
  const year = random.int(bornFrom, bornTo);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const first17 = `${random.pick(BIRTH_REGIONS)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(random.int(1, 999)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function mobilePhone(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

/** A Shanghai landline with the area code, 11 digits: 021 + 8 digits. */
export function officePhone(random: Random): string {
  return `021${random.int(5, 6)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}
