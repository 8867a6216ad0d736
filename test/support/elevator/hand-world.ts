/**
 * A small hand-built World for the elevator tests, with known shapes: 250 elevators (three batch
 * chunks of 100), every fifth one overdue, the last one never maintained, retired district codes on
 * some rows, a boiler that is no elevator. Used because the tests need exact expectations.
 */
import { DISTRICTS, buildUscc, formatCertificateNumber, formatRegistrationCode } from '../../../reference/index.ts';
import { addDays } from '../../../runtime/clock.ts';
import type {
  AlarmKind,
  World,
  WorldAlarm,
  WorldElevator,
  WorldEnterprise,
  WorldEquipment,
  WorldMaintenance,
} from '../../../legacy/seed/world.ts';

export const TEST_AS_OF = '2026-11-20';
export const TEST_ELEVATORS = 250;

function enterprise(i: number, role: 'maintainer' | 'userUnit'): WorldEnterprise {
  const uscc = buildUscc(
    '91310115',
    `${role === 'maintainer' ? 'M' : 'U'}${String(1000000 + i).slice(1)}0`.slice(0, 8),
  );
  return {
    uscc,
    name: `${role === 'maintainer' ? '上海测试电梯维保' : '上海测试物业'}${i}有限公司`,
    type: '有限责任公司',
    roles: [role],
    legalRepresentative: '张三',
    legalRepresentativeId: '310101198001011234',
    phone: '13800000000',
    registeredAddress: '上海市浦东新区测试路1号',
    district: '310115',
    recordedDistrict: '310115',
    establishedOn: '2005-01-01',
    status: 'ACTIVE',
  };
}

export function elevatorTestWorld(count = TEST_ELEVATORS): World {
  const maintainers = [0, 1, 2].map((i) => enterprise(i, 'maintainer'));
  const users = [0, 1, 2, 3, 4].map((i) => enterprise(i, 'userUnit'));
  const equipment: WorldEquipment[] = [];
  const elevators: WorldElevator[] = [];
  const maintenance: WorldMaintenance[] = [];
  const alarms: WorldAlarm[] = [];
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!.code;
    const code = formatRegistrationCode('3110', '310000', 2000 + (i % 25), 1 + (i % 12), 1 + (i % 9999));
    const installedOn = `${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
    const maintainer = maintainers[i % 3]!.uscc;
    equipment.push({
      registrationCode: code,
      equipmentCode: `3110${String(10000 + i)}2000A${String(1000 + i).slice(1)}`,
      catalogueCode: i % 10 === 9 ? '3310' : '3110',
      userUscc: users[i % 5]!.uscc,
      district,
      recordedDistrict: district === '310106' && Math.floor(i / 16) % 2 === 0 ? '310108' : district,
      subDistrict: '测试街道',
      address: `上海市测试路${i}号`,
      registeredOn: installedOn,
      certificateOfUse: `梯11沪A${10000 + i}(16)`,
      usage: i % 3 === 0 ? 'RESIDENTIAL' : 'OFFICE',
      status: 'IN_USE',
      manufacturedOn: installedOn,
      deleted: false,
    });
    elevators.push({
      registrationCode: code,
      qrId: `SH${String(i).padStart(8, '0')}`,
      floors: 6 + (i % 30),
      speed: [1, 1.5, 1.75, 2.5][i % 4]!,
      manufacturer: ['上海三菱电梯有限公司', '迅达(中国)电梯有限公司', '奥的斯电梯(中国)有限公司'][i % 3]!,
      installedOn,
      maintainerUscc: maintainer,
      userUscc: users[i % 5]!.uscc,
      remoteMonitoring: i % 7 === 0 || i % 2 === 0,
      onDemand: i % 7 === 0,
      insured: true,
    });
    if (i === count - 1) continue; // never maintained
    const lastDaysAgo = i % 5 === 0 ? 20 : 3 + (i % 10);
    for (let k = 0; k < 4; k++) {
      maintenance.push({
        id: `WB${String(i).padStart(5, '0')}${k}`,
        registrationCode: code,
        date: addDays(TEST_AS_OF, -(lastDaysAgo + 15 * k)),
        kind: k === 3 ? 'QUARTERLY' : 'HALF_MONTHLY',
        companyUscc: maintainer,
        certificateNumbers: [
          formatCertificateNumber('T', 100 + (i % 20)),
          formatCertificateNumber('T', 200 + (i % 20)),
        ],
        durationMinutes: 45 + (i % 30),
        items: ['轿厢照明', '层门门锁'],
      });
    }
  }
  const kinds: AlarmKind[] = ['ENTRAPMENT', 'FAULT', 'DOOR_OPEN_MOVING', 'ENTRAPMENT', 'POWER_LOSS'];
  for (let j = 0; j < 60; j++) {
    const raised = new Date(Date.parse(`${TEST_AS_OF}T12:00:00+08:00`) - j * 90 * 60_000);
    alarms.push({
      id: `BJ${String(j).padStart(6, '0')}`,
      registrationCode: elevators[j * 3]!.registrationCode,
      kind: kinds[j % 5]!,
      raisedAt: raised.toISOString(),
      acceptedAt: j % 8 === 0 ? null : new Date(raised.getTime() + 2 * 60_000).toISOString(),
      arrivedAt: j % 4 === 0 ? null : new Date(raised.getTime() + (10 + j) * 60_000).toISOString(),
      resolvedAt: j % 4 === 0 ? null : new Date(raised.getTime() + (40 + j) * 60_000).toISOString(),
      closedAt: j % 4 === 0 || j % 3 === 0 ? null : new Date(raised.getTime() + (100 + j) * 60_000).toISOString(),
      source: j % 2 === 0 ? 'INTERCOM' : 'SENSOR',
    });
  }
  equipment.push({
    ...equipment[0]!,
    registrationCode: formatRegistrationCode('1000', '310000', 2010, 5, 1),
    catalogueCode: '1000',
    equipmentCode: '1000100002010B0001',
  });
  return {
    scale: 'test',
    seed: 1,
    asOf: TEST_AS_OF,
    enterprises: [...maintainers, ...users],
    licences: [],
    spotChecks: [],
    certificates: [],
    equipment,
    elevators,
    maintenance,
    alarms,
    inspections: [],
    hazards: [],
    credit: {
      snapshotOn: TEST_AS_OF,
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

/** The boiler's registration code: on the registry, not on the elevator platform. */
export const testBoilerCode = (): string => formatRegistrationCode('1000', '310000', 2010, 5, 1);
