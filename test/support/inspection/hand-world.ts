/**
 * A hand-built World for the inspection tests (the shared seed generator did not exist when these
 * were written), with every shape the exchange database must handle: elevators and other equipment
 * in all 16 districts, retired district codes, soft-deleted and suspended equipment, overdue
 * inspections, open / major / supervised / overdue hazards. Sized by `count` so the same shapes can
 * be measured at demo size.
 */
import { DISTRICTS, buildUscc, formatRegistrationCode } from '../../../reference/index.ts';
import { addDays } from '../../../runtime/clock.ts';
import type {
  EquipmentUsage,
  HazardStatus,
  InspectionConclusion,
  World,
  WorldEnterprise,
  WorldEquipment,
  WorldHazard,
  WorldInspection,
} from '../../../legacy/seed/world.ts';

const TEST_AS_OF = '2026-11-20';
const USAGES: EquipmentUsage[] = [
  'RESIDENTIAL',
  'PUBLIC',
  'COMMERCIAL',
  'INDUSTRIAL',
  'OFFICE',
  'HOSPITAL',
  'SCHOOL',
  'TRANSPORT',
];
const OTHER_CATALOGUE = ['1000', '2150', '4D00', '5110'];
const HAZARD_STATUSES: HazardStatus[] = ['FOUND', 'RECTIFYING', 'RECTIFIED', 'VERIFIED'];

function userUnit(i: number): WorldEnterprise {
  const uscc = buildUscc('91310115', `U${String(1_000_000 + i).slice(1)}0`.slice(0, 8));
  return {
    uscc,
    name: `上海检验测试物业${i}有限公司`,
    type: '有限责任公司',
    roles: ['userUnit'],
    legalRepresentative: '李四',
    legalRepresentativeId: '310101198001011234',
    phone: '13900000000',
    registeredAddress: '上海市浦东新区测试路2号',
    district: '310115',
    recordedDistrict: '310115',
    establishedOn: '2003-03-03',
    status: 'ACTIVE',
  };
}

function recordedDistrict(code: string, i: number): string {
  if (code === '310106' && i % 32 < 16) return '310108';
  if (code === '310151' && i % 32 < 16) return '310230';
  return code;
}

function equipmentAt(i: number, users: WorldEnterprise[]): WorldEquipment {
  const district = DISTRICTS[i % DISTRICTS.length]!.code;
  const catalogueCode =
    i % 10 === 9 ? OTHER_CATALOGUE[Math.floor(i / 10) % OTHER_CATALOGUE.length]! : i % 5 === 2 ? '3310' : '3110';
  const year = 1998 + (i % 27);
  const month = 1 + (i % 12);
  const registeredOn = `${year}-${String(month).padStart(2, '0')}-10`;
  const category = /^\d{4}$/.test(catalogueCode) ? catalogueCode : `${catalogueCode[0]}000`;
  return {
    registrationCode: formatRegistrationCode(category, '310000', year, month, 1 + (i % 9999)),
    equipmentCode: `${catalogueCode}${String(10_000 + (i % 90_000))}${year}${String(10_000 + (i % 90_000))}`,
    catalogueCode,
    userUscc: users[i % users.length]!.uscc,
    district,
    recordedDistrict: recordedDistrict(district, i),
    subDistrict: `测试${i % 5}街道`,
    address: `上海市测试路${i}号`,
    registeredOn,
    certificateOfUse: `梯11沪A${10_000 + i}(${String(year).slice(2)})`,
    usage: USAGES[i % USAGES.length]!,
    status: i % 25 === 24 ? 'SUSPENDED' : i % 50 === 13 ? 'SCRAPPED' : 'IN_USE',
    manufacturedOn: `${year}-01-05`,
    deleted: i % 40 === 17,
  };
}

function inspectionsOf(e: WorldEquipment, i: number, asOf: string): WorldInspection[] {
  const latest = addDays(asOf, i % 6 === 3 ? -400 : -(30 + (i % 300)));
  const conclusion: InspectionConclusion = i % 13 === 0 ? 'FAIL' : i % 7 === 0 ? 'CONDITIONAL' : 'PASS';
  const base = { registrationCode: e.registrationCode, body: '上海市特种设备监督检验技术研究院' };
  return [
    {
      ...base,
      id: `JY${String(i).padStart(7, '0')}A`,
      kind: 'SUPERVISORY',
      date: addDays(latest, -365),
      conclusion: 'PASS',
      nextDueOn: latest,
    },
    {
      ...base,
      id: `JY${String(i).padStart(7, '0')}B`,
      kind: i % 5 === 0 ? 'SELF_TEST' : 'PERIODIC',
      date: latest,
      conclusion,
      nextDueOn: addDays(latest, 365),
    },
  ];
}

function hazardOf(e: WorldEquipment, i: number, asOf: string): WorldHazard {
  const foundOn = addDays(asOf, -(10 + (i % 90)));
  const status = HAZARD_STATUSES[Math.floor(i / 4) % 4]!;
  const major = i % 12 === 3;
  const closed = status === 'RECTIFIED' || status === 'VERIFIED';
  return {
    id: `YH${String(i).padStart(7, '0')}`,
    registrationCode: e.registrationCode,
    foundOn,
    level: major ? 'MAJOR' : 'GENERAL',
    description: major ? '制动器制动力不足' : '层门门锁触点磨损',
    source: i % 8 === 0 ? 'SUPERVISION' : 'INSPECTION',
    deadline: addDays(foundOn, 30),
    status,
    closedOn: closed ? addDays(foundOn, 20) : null,
    orderNumber: major ? `沪市监特令〔2026〕${i}号` : null,
    supervised: major && i % 24 === 3,
  };
}

export function inspectionTestWorld(count = 200, asOf = TEST_AS_OF): World {
  const users = Array.from({ length: Math.max(4, Math.ceil(count / 20)) }, (_, i) => userUnit(i));
  const equipment = Array.from({ length: count }, (_, i) => equipmentAt(i, users));
  return {
    scale: 'test',
    seed: 1,
    asOf,
    enterprises: users,
    licences: [],
    spotChecks: [],
    certificates: [],
    equipment,
    elevators: [],
    maintenance: [],
    alarms: [],
    inspections: equipment.flatMap((e, i) => inspectionsOf(e, i, asOf)),
    hazards: equipment.flatMap((e, i) => (i % 4 === 3 ? [hazardOf(e, i, asOf)] : [])),
    credit: {
      snapshotOn: asOf,
      snapshot: {
        enterprises: [],
        riskClasses: {},
        annualReports: [],
        penalties: [],
        abnormalListings: [],
        seriousViolations: [],
      },
      increments: [],
    },
  };
}
