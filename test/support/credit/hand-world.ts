/**
 * A small hand-built World for the credit tests, with known shapes: 30 registered enterprises across
 * the districts (retired district codes on some), awkward CSV text (commas, quotes), a 2025 annual
 * report missing for every seventh, and three increment days that add, update and remove.
 * Used because the tests need exact expectations.
 */
import { DISTRICTS, RETIRED_DISTRICT_CODES, buildUscc } from '../../../reference/index.ts';
import type {
  CreditChange,
  CreditState,
  RiskClass,
  World,
  WorldAnnualReport,
  WorldEnterprise,
} from '../../../legacy/seed/world.ts';

const CREDIT_TEST_SNAPSHOT_ON = '2026-10-18';
const CREDIT_TEST_AS_OF = '2026-10-22';
const CREDIT_TEST_ENTERPRISES = 30;

const RETIRED_BY_CURRENT = new Map(Object.entries(RETIRED_DISTRICT_CODES).map(([old, current]) => [current, old]));

export function testUscc(i: number): string {
  const district = DISTRICTS[i % DISTRICTS.length]!.code;
  return buildUscc(`91${district}`, `CR${String(100000 + i).slice(1)}0`.slice(0, 8));
}

function enterprise(i: number): WorldEnterprise {
  const district = DISTRICTS[i % DISTRICTS.length]!.code;
  return {
    uscc: testUscc(i),
    name: i === 6 ? '上海"老字号"食品有限公司' : `上海信用测试${i}号有限公司`,
    type: i % 3 === 0 ? '股份有限公司' : '有限责任公司',
    roles: ['userUnit'],
    legalRepresentative: ['王建国', '李秀英', '张伟', '刘洋'][i % 4]!,
    legalRepresentativeId: '310101198001011234',
    phone: '13800000000',
    registeredAddress: i === 8 ? '上海市浦东新区张江路1号,2号楼' : `上海市测试路${i}号`,
    district,
    // The first enterprise of each district with a retired code still carries the old code.
    recordedDistrict: i < DISTRICTS.length ? (RETIRED_BY_CURRENT.get(district) ?? district) : district,
    establishedOn: `${2000 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
    status: i === 19 ? 'CANCELLED' : i % 10 === 9 ? 'REVOKED' : 'ACTIVE',
  };
}

const RISK: readonly RiskClass[] = ['A', 'B', 'C', 'D'];

/** `size` enterprises in the snapshot (at least the default 30 the increments refer to). */
export function creditTestWorld(size = CREDIT_TEST_ENTERPRISES): World {
  if (size < CREDIT_TEST_ENTERPRISES) throw new Error(`creditTestWorld: size must be >= ${CREDIT_TEST_ENTERPRISES}`);
  const enterprises = Array.from({ length: size }, (_, i) => enterprise(i));
  const annualReports: WorldAnnualReport[] = [];
  enterprises.forEach((e, i) => {
    annualReports.push({ uscc: e.uscc, year: 2024, filedOn: '2025-05-20', onTime: true });
    if (i % 7 !== 3)
      annualReports.push({
        uscc: e.uscc,
        year: 2025,
        filedOn: i % 5 === 0 ? '2026-07-15' : '2026-04-10',
        onTime: i % 5 !== 0,
      });
  });
  const snapshot: CreditState = {
    enterprises,
    riskClasses: Object.fromEntries(enterprises.map((e, i) => [e.uscc, RISK[(i + Math.floor(i / 16)) % 4]!])),
    annualReports,
    penalties: [0, 5, 10, 15, 20].map((i) => ({
      decisionNumber: `沪市监浦处〔2026〕${1000 + i}号`,
      uscc: testUscc(i),
      violationType: '未按规定进行特种设备维护保养',
      content: '罚款人民币30,000元',
      authority: '上海市浦东新区市场监督管理局',
      decidedOn: `2026-0${1 + (i % 9)}-15`,
    })),
    abnormalListings: [
      {
        uscc: testUscc(10),
        reason: 1,
        listedOn: '2025-07-01',
        listedBy: '上海市市场监督管理局',
        removedOn: null,
        removalReason: null,
        removedBy: null,
      },
      {
        uscc: testUscc(11),
        reason: 4,
        listedOn: '2024-03-12',
        listedBy: '上海市市场监督管理局',
        removedOn: null,
        removalReason: null,
        removedBy: null,
      },
      {
        uscc: testUscc(12),
        reason: 2,
        listedOn: '2024-09-01',
        listedBy: '上海市市场监督管理局',
        removedOn: '2025-02-01',
        removalReason: '补报未报年份的年度报告并公示',
        removedBy: '上海市市场监督管理局',
      },
    ],
    seriousViolations: [
      {
        uscc: testUscc(13),
        reason: '被列入经营异常名录届满3年仍未履行相关义务',
        listedOn: '2025-01-10',
        listedBy: '上海市市场监督管理局',
        removedOn: null,
      },
    ],
  };
  const renamed = { ...enterprises[2]!, name: '上海信用测试2号(集团)有限公司' };
  const added = enterprise(size);
  const increments: CreditChange[] = [
    { kind: 'upsertEnterprise', on: '2026-10-19', enterprise: added },
    { kind: 'riskClass', on: '2026-10-19', uscc: testUscc(1), riskClass: 'D' },
    {
      kind: 'annualReport',
      on: '2026-10-19',
      report: { uscc: testUscc(3), year: 2025, filedOn: '2026-10-19', onTime: false },
    },
    { kind: 'upsertEnterprise', on: '2026-10-20', enterprise: renamed },
    {
      kind: 'penalty',
      on: '2026-10-20',
      penalty: {
        decisionNumber: '沪市监闵处〔2026〕2001号',
        uscc: testUscc(7),
        violationType: '使用未经定期检验的特种设备',
        content: '罚款人民币50,000元',
        authority: '上海市闵行区市场监督管理局',
        decidedOn: '2026-10-20',
      },
    },
    {
      kind: 'abnormal',
      on: '2026-10-20',
      listing: {
        uscc: testUscc(5),
        reason: 4,
        listedOn: '2026-10-20',
        listedBy: '上海市市场监督管理局',
        removedOn: null,
        removalReason: null,
        removedBy: null,
      },
    },
    { kind: 'removeEnterprise', on: '2026-10-21', uscc: testUscc(4) },
    {
      kind: 'abnormalRemoved',
      on: '2026-10-21',
      uscc: testUscc(5),
      reason: 4,
      removedOn: '2026-10-21',
      removalReason: '依法办理住所变更登记',
      removedBy: '上海市市场监督管理局',
    },
  ];
  const final = [
    ...enterprises.filter((e) => e.uscc !== testUscc(4)).map((e) => (e.uscc === renamed.uscc ? renamed : e)),
    added,
  ];
  return {
    scale: 'test',
    seed: 6,
    asOf: CREDIT_TEST_AS_OF,
    enterprises: final,
    licences: [],
    spotChecks: [],
    certificates: [],
    equipment: [],
    elevators: [],
    maintenance: [],
    alarms: [],
    inspections: [],
    hazards: [],
    credit: { snapshotOn: CREDIT_TEST_SNAPSHOT_ON, snapshot, increments },
  };
}
