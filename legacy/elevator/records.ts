/**
 * The platform's own record shapes (pinyin abbreviations, camel-cased, epoch milliseconds, '1'/'0'
 * flags, dictionary codes) and their derivation from the seed World. See README.md for each field.
 */
import type {
  AssessmentConclusion,
  World,
  WorldAlarm,
  WorldElevator,
  WorldEquipment,
  WorldMaintenance,
} from '../seed/world.ts';

export interface DtElevator {
  zcdm: string; // 注册代码
  ewmbh: string; // 上海智慧电梯码编号
  sblb: string; // 设备类别 (catalogue code)
  azdz: string; // 安装地址
  qxdm: string; // 区县代码 (may be a retired code)
  jdmc: string; // 街道名称
  csyt: string; // 场所用途 dictionary code
  cs: number; // 层数
  sd: string; // 额定速度 m/s, as text
  zzdwmc: string; // 制造单位名称
  azrq: number; // 安装日期, epoch ms
  wbdwTyshxydm: string; // 维保单位统一社会信用代码
  sydwTyshxydm: string; // 使用单位统一社会信用代码
  azdwTyshxydm: string; // 安装单位统一社会信用代码 ('' when not recorded: installations before the platform kept it)
  ycjkBz: '0' | '1'; // 远程监测
  axwbBz: '0' | '1'; // 按需维保
  bxBz: '0' | '1'; // 电梯责任保险
  sbzt: string; // 设备状态 dictionary code
  gxsj: number; // 更新时间
  aqpgRq: number; // 安全评估日期, epoch ms (0: not assessed; old residential elevators only)
  aqpgJl: string; // 安全评估结论: '' none · '1' 可继续使用 · '2' 建议大修 · '3' 建议更新
  cscs: string; // 已决定的措施: '' none · '2' 大修 · '3' 更新
  jzdtBz: '0' | '1'; // 加装电梯 (added to an existing residential building)
}

export interface DtMaintenance {
  wbjlbh: string; // 维保记录编号
  zcdm: string;
  wbrq: number; // 维保时间, epoch ms
  wblx: string; // 维保类型 dictionary code
  wbdwTyshxydm: string;
  wbryZsbh: string; // 维保人员证书编号, comma-separated
  wbsc: number; // 维保时长 (分钟)
  wbxm: string[]; // 维保项目
}

export interface DtAlarm {
  xh: number; // 序号: the feed cursor, increasing in arrival order
  bjbh: string; // 报警编号
  zcdm: string;
  bjlx: string; // 报警类型 dictionary code
  bjly: string; // 报警来源 dictionary code
  bjsj: number; // 报警时间
  jjsj: number; // 接警时间, 0 = not yet
  ddsj: number; // 到达时间, 0 = not yet
  jcsj: number; // 解除时间, 0 = not yet
  jasj: number; // 结案时间, 0 = not yet
  bjzt: string; // 报警状态 dictionary code (ALARM_STATE_CODES)
}

const USAGE_CODES: Readonly<Record<WorldEquipment['usage'], string>> = {
  RESIDENTIAL: '01',
  PUBLIC: '02',
  COMMERCIAL: '03',
  INDUSTRIAL: '04',
  OFFICE: '05',
  HOSPITAL: '06',
  SCHOOL: '07',
  TRANSPORT: '08',
};
const ASSESSMENT_CODES: Readonly<Record<AssessmentConclusion, string>> = {
  CONTINUE_USE: '1',
  MAJOR_REPAIR: '2',
  RENEWAL: '3',
};
const STATUS_CODES: Readonly<Record<WorldEquipment['status'], string>> = {
  IN_USE: '1',
  SUSPENDED: '2',
  SCRAPPED: '3',
};
const MAINTENANCE_KIND_CODES: Readonly<Record<WorldMaintenance['kind'], string>> = {
  HALF_MONTHLY: '1',
  QUARTERLY: '2',
  HALF_YEARLY: '3',
  YEARLY: '4',
  ON_DEMAND: '5',
};
export const ALARM_KIND_CODES: Readonly<Record<WorldAlarm['kind'], string>> = {
  ENTRAPMENT: '01',
  FAULT: '02',
  DOOR_OPEN_MOVING: '03',
  OVER_SPEED: '04',
  POWER_LOSS: '05',
};
export const ALARM_SOURCE_CODES: Readonly<Record<WorldAlarm['source'], string>> = {
  INTERCOM: 'A',
  QR_CODE: 'B',
  SENSOR: 'C',
  POLICE_110: 'D',
};

/** 报警状态: 1 待接警 · 2 已接警 · 3 已到达 · 4 已解除 · 5 已结案, in the order an alarm passes them. */
const ALARM_STATE_CODES = { raised: '1', accepted: '2', arrived: '3', released: '4', closed: '5' } as const;

/** The state code of an alarm's times: the furthest step recorded. */
export function alarmStateCode(times: Pick<DtAlarm, 'jjsj' | 'ddsj' | 'jcsj' | 'jasj'>): string {
  if (times.jasj) return ALARM_STATE_CODES.closed;
  if (times.jcsj) return ALARM_STATE_CODES.released;
  if (times.ddsj) return ALARM_STATE_CODES.arrived;
  if (times.jjsj) return ALARM_STATE_CODES.accepted;
  return ALARM_STATE_CODES.raised;
}

/** A 'YYYY-MM-DD' date as the platform stores it: midnight in Shanghai, in epoch ms, plus a time of day. */
function dayMillis(date: string, minutesIntoDay = 0): number {
  return Date.parse(`${date}T00:00:00+08:00`) + minutesIntoDay * 60_000;
}

const instant = (iso: string | null): number => (iso === null ? 0 : Date.parse(iso));
const flag = (b: boolean): '0' | '1' => (b ? '1' : '0');

function toDtElevator(e: WorldElevator, eq: WorldEquipment | undefined, updatedAt: number): DtElevator {
  return {
    zcdm: e.registrationCode,
    ewmbh: e.qrId,
    sblb: eq?.catalogueCode ?? '3110',
    azdz: eq?.address ?? '',
    qxdm: eq?.recordedDistrict ?? '',
    jdmc: eq?.subDistrict ?? '',
    csyt: eq ? USAGE_CODES[eq.usage] : '',
    cs: e.floors,
    sd: e.speed.toFixed(2),
    zzdwmc: e.manufacturer,
    azrq: dayMillis(e.installedOn),
    wbdwTyshxydm: e.maintainerUscc,
    sydwTyshxydm: e.userUscc,
    azdwTyshxydm: e.installerUscc ?? '',
    ycjkBz: flag(e.remoteMonitoring),
    axwbBz: flag(e.onDemand),
    bxBz: flag(e.insured),
    sbzt: STATUS_CODES[eq?.status ?? 'IN_USE'],
    gxsj: updatedAt,
    aqpgRq: e.safetyAssessment ? dayMillis(e.safetyAssessment.assessedOn) : 0,
    aqpgJl: e.safetyAssessment ? ASSESSMENT_CODES[e.safetyAssessment.conclusion] : '',
    cscs: e.safetyAssessment?.decision ? ASSESSMENT_CODES[e.safetyAssessment.decision] : '',
    jzdtBz: flag(e.addedToExistingBuilding === true),
  };
}

function toDtMaintenance(m: WorldMaintenance, index: number): DtMaintenance {
  return {
    wbjlbh: m.id,
    zcdm: m.registrationCode,
    // Work starts between 08:00 and 16:00; the seed only knows the day.
    wbrq: dayMillis(m.date, 480 + (index % 17) * 30),
    wblx: MAINTENANCE_KIND_CODES[m.kind],
    wbdwTyshxydm: m.companyUscc,
    wbryZsbh: m.certificateNumbers.join(','),
    wbsc: m.durationMinutes,
    wbxm: m.items,
  };
}

function toDtAlarm(a: WorldAlarm, xh: number): DtAlarm {
  const times = {
    jjsj: instant(a.acceptedAt),
    ddsj: instant(a.arrivedAt),
    jcsj: instant(a.resolvedAt),
    jasj: instant(a.closedAt),
  };
  return {
    xh,
    bjbh: a.id,
    zcdm: a.registrationCode,
    bjlx: ALARM_KIND_CODES[a.kind],
    bjly: ALARM_SOURCE_CODES[a.source],
    bjsj: instant(a.raisedAt),
    ...times,
    bjzt: alarmStateCode(times),
  };
}

export interface DtWorld {
  elevators: DtElevator[];
  maintenance: DtMaintenance[];
  alarms: DtAlarm[];
}

export function toDtWorld(world: World): DtWorld {
  const equipment = new Map(world.equipment.map((e) => [e.registrationCode, e]));
  // A registration retracted in the registry (soft-deleted there) never reached the platform.
  const onPlatform = world.elevators.filter((e) => equipment.get(e.registrationCode)?.deleted !== true);
  const updatedAt = dayMillis(world.asOf);
  const alarms = [...world.alarms].sort((a, b) => Date.parse(a.raisedAt) - Date.parse(b.raisedAt));
  return {
    elevators: onPlatform.map((e) => toDtElevator(e, equipment.get(e.registrationCode), updatedAt)),
    maintenance: world.maintenance.map(toDtMaintenance),
    alarms: alarms.map((a, i) => toDtAlarm(a, i + 1)),
  };
}
