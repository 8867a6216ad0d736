/**
 * The special-equipment catalogue (特种设备目录, 2014): 4-character codes of digits and capitals.
 * Only the codes this project meets are named; any well-formed code is accepted and falls back to its
 * top-level category.
 */
import { type Validation, invalid, valid } from './validation.ts';

export type EquipmentCategory =
  | 'BOILER'
  | 'PRESSURE_VESSEL'
  | 'ELEVATOR'
  | 'CRANE'
  | 'IN_PLANT_VEHICLE'
  | 'AMUSEMENT_RIDE'
  | 'PIPELINE_COMPONENT'
  | 'PIPELINE'
  | 'ROPEWAY'
  | 'SAFETY_ACCESSORY';

export const CATEGORY_BY_TOP: Readonly<Record<string, { category: EquipmentCategory; name: string }>> = {
  '1': { category: 'BOILER', name: '锅炉' },
  '2': { category: 'PRESSURE_VESSEL', name: '压力容器' },
  '3': { category: 'ELEVATOR', name: '电梯' },
  '4': { category: 'CRANE', name: '起重机械' },
  '5': { category: 'IN_PLANT_VEHICLE', name: '场(厂)内专用机动车辆' },
  '6': { category: 'AMUSEMENT_RIDE', name: '大型游乐设施' },
  '7': { category: 'PIPELINE_COMPONENT', name: '压力管道元件' },
  '8': { category: 'PIPELINE', name: '压力管道' },
  '9': { category: 'ROPEWAY', name: '客运索道' },
  F: { category: 'SAFETY_ACCESSORY', name: '安全附件' },
};

export const CATALOGUE: Readonly<Record<string, string>> = {
  '1000': '锅炉',
  '2000': '压力容器',
  '3000': '电梯',
  '4000': '起重机械',
  '5000': '场(厂)内专用机动车辆',
  '6000': '大型游乐设施',
  '7000': '压力管道元件',
  '8000': '压力管道',
  '9000': '客运索道',
  F000: '安全附件',
  '3110': '曳引驱动乘客电梯',
  '3120': '曳引驱动载货电梯',
  '3130': '强制驱动载货电梯',
  '3210': '液压乘客电梯',
  '3220': '液压载货电梯',
  '3310': '自动扶梯',
  '3320': '自动人行道',
  '3410': '防爆电梯',
  '3420': '消防员电梯',
  '3430': '杂物电梯',
  '5110': '叉车',
  '4D00': '机械式停车设备',
  '2150': '第二类压力容器',
  '23T0': '特种气瓶',
  '1100': '承压蒸汽锅炉',
  '1200': '承压热水锅炉',
  '4100': '桥式起重机',
  '4300': '塔式起重机',
  '6100': '观览车类',
};

export interface CatalogueEntry {
  readonly code: string;
  readonly name: string;
  readonly category: EquipmentCategory;
  readonly categoryName: string;
}

export function validateCatalogueCode(input: string): Validation<CatalogueEntry> {
  if (!/^[0-9A-Z]{4}$/.test(input))
    return invalid('catalogue code must be 4 digits or capital letters, e.g. 3110 or 23T0');
  const top = CATEGORY_BY_TOP[input[0]!];
  if (!top) return invalid(`catalogue code '${input}' has no top-level category '${input[0]}'`);
  return valid({ code: input, name: CATALOGUE[input] ?? top.name, category: top.category, categoryName: top.name });
}

export function isElevatorCatalogueCode(code: string): boolean {
  return code[0] === '3';
}
