/**
 * The enterprises of the world by role: maintenance companies, installers, manufacturers, filling
 * stations, elevator user units and the industrial users of other equipment.
 */
import { DISTRICTS } from '../../reference/districts.ts';
import type { SeedContext } from './context.ts';
import { EnterpriseFactory, foundedYearsBefore } from './enterprises.ts';
import { CITY_ELEVATORS_BY_DISTRICT } from './places.ts';
import type { Random } from './random.ts';
import type { EquipmentUsage, WorldEnterprise } from './world.ts';

type ManufacturedKind = 'ELEVATOR' | 'BOILER' | 'VESSEL' | 'CRANE' | 'VEHICLE' | 'RIDE';

export interface Manufacturer {
  readonly enterprise: WorldEnterprise;
  /** The 5-digit manufacturer part of equipment codes. */
  readonly code: string;
  readonly makes: ManufacturedKind;
}

export interface UserUnit {
  readonly enterprise: WorldEnterprise;
  readonly usage: EquipmentUsage;
}

export interface Participants {
  maintainers: WorldEnterprise[];
  /** Every enterprise with the installer role, maintainers that also install included. */
  installers: WorldEnterprise[];
  manufacturers: Manufacturer[];
  fillers: WorldEnterprise[];
  userUnits: UserUnit[];
  industrialUsers: UserUnit[];
  /** Issues further enterprises (the credit register's comings and goings) without clashing codes. */
  factory: EnterpriseFactory;
}

const USER_SUFFIX: Readonly<Record<EquipmentUsage, string>> = {
  RESIDENTIAL: '物业管理有限公司',
  COMMERCIAL: '商业管理有限公司',
  OFFICE: '置业有限公司',
  PUBLIC: '城市建设投资有限公司',
  HOSPITAL: '医院管理有限公司',
  SCHOOL: '教育发展有限公司',
  TRANSPORT: '交通枢纽运营有限公司',
  INDUSTRIAL: '实业有限公司',
};
const USER_USAGE_WEIGHTS: Readonly<Record<EquipmentUsage, number>> = {
  RESIDENTIAL: 60,
  COMMERCIAL: 12,
  OFFICE: 10,
  PUBLIC: 5,
  HOSPITAL: 4,
  SCHOOL: 4,
  TRANSPORT: 2,
  INDUSTRIAL: 3,
};
/**
 * Public hospitals and schools are institutions (事业单位, codes 12…), the rest private companies. The shares are
 * the seed's own (most of the city's hospital beds and school places are public), not a published count.
 */
const PUBLIC_SHARE: Readonly<Partial<Record<EquipmentUsage, number>>> = { HOSPITAL: 0.7, SCHOOL: 0.8 };
const INSTITUTION_SUFFIXES: Readonly<Partial<Record<EquipmentUsage, readonly string[]>>> = {
  HOSPITAL: ['医院', '人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心'],
  SCHOOL: ['中学', '小学', '实验学校', '高级中学', '职业技术学校'],
};
const MANUFACTURER_SUFFIX: Readonly<Record<ManufacturedKind, string>> = {
  ELEVATOR: '电梯有限公司',
  BOILER: '锅炉有限公司',
  VESSEL: '压力容器制造有限公司',
  CRANE: '起重机械有限公司',
  VEHICLE: '叉车有限公司',
  RIDE: '游艺机有限公司',
};
const MANUFACTURER_KINDS: readonly ManufacturedKind[] = [
  'ELEVATOR',
  'ELEVATOR',
  'VESSEL',
  'CRANE',
  'BOILER',
  'VEHICLE',
  'RIDE',
];
const MAINTAINER_SUFFIXES = [
  '电梯工程有限公司',
  '电梯维修保养有限公司',
  '机电设备工程有限公司',
  '电梯技术服务有限公司',
];

function districtOf(random: Random): string {
  return random.weighted(CITY_ELEVATORS_BY_DISTRICT);
}

export function createParticipants(ctx: SeedContext): Participants {
  const random = ctx.random('participants');
  const factory = new EnterpriseFactory(random);
  const longAgo = foundedYearsBefore(ctx.asOf, 8);
  const recently = foundedYearsBefore(ctx.asOf, 2);
  const make = (
    role: WorldEnterprise['roles'][number],
    suffix: string,
    district = districtOf(random),
    foundedBy = longAgo,
  ) => factory.create({ role, district, suffix, foundedBy });

  const maintainers = Array.from({ length: ctx.scale.maintainers }, () => {
    const e = make('maintainer', random.pick(MAINTAINER_SUFFIXES));
    if (random.chance(0.4)) e.roles.push('installer');
    return e;
  });
  const pureInstallers = Array.from({ length: ctx.scale.installers }, () => make('installer', '电梯安装工程有限公司'));
  const manufacturers = Array.from({ length: ctx.scale.manufacturers }, (_, i) => {
    const makes = MANUFACTURER_KINDS[i % MANUFACTURER_KINDS.length]!;
    return {
      enterprise: make('manufacturer', MANUFACTURER_SUFFIX[makes]),
      code: String(10_001 + i * 37).padStart(5, '0'),
      makes,
    };
  });
  const fillers = Array.from({ length: ctx.scale.fillers }, () => make('filler', '气体有限公司'));
  // Every district has at least one user unit, so every district's elevators have someone to use them.
  const userUnits = Array.from({ length: ctx.scale.userUnits }, (_, i) => {
    const usage = random.weighted(USER_USAGE_WEIGHTS);
    const district = i < DISTRICTS.length ? DISTRICTS[i]!.code : districtOf(random);
    if (random.chance(PUBLIC_SHARE[usage] ?? 0)) {
      const suffix = random.pick(INSTITUTION_SUFFIXES[usage]!);
      const enterprise = factory.create({ role: 'userUnit', district, suffix, foundedBy: recently, institution: true });
      return { enterprise, usage };
    }
    return { enterprise: make('userUnit', USER_SUFFIX[usage], district, recently), usage };
  });
  const industrialUsers = Array.from({ length: ctx.scale.industrialUsers }, (_, i) => {
    const district = i < DISTRICTS.length ? DISTRICTS[i]!.code : districtOf(random);
    const usage: EquipmentUsage = random.chance(0.85) ? 'INDUSTRIAL' : 'COMMERCIAL';
    return {
      enterprise: make('userUnit', usage === 'INDUSTRIAL' ? '制造有限公司' : '游乐发展有限公司', district, recently),
      usage,
    };
  });
  return {
    maintainers,
    installers: [...maintainers.filter((m) => m.roles.includes('installer')), ...pureInstallers],
    manufacturers,
    fillers,
    userUnits,
    industrialUsers,
    factory,
  };
}

export function allEnterprises(p: Participants): WorldEnterprise[] {
  const installersOnly = p.installers.filter((e) => !e.roles.includes('maintainer'));
  return [
    ...p.maintainers,
    ...installersOnly,
    ...p.manufacturers.map((m) => m.enterprise),
    ...p.fillers,
    ...p.userUnits.map((u) => u.enterprise),
    ...p.industrialUsers.map((u) => u.enterprise),
  ];
}
