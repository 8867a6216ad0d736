/**
 * The one consistent world that the four legacy stand-ins are seeded from. Plain English names and
 * ISO dates ('YYYY-MM-DD'; times as ISO date-times with +08:00): each stand-in turns these into its
 * own legacy shape (pinyin XML, upper-case columns, epoch millis, GBK CSV). Nothing that serves the
 * graph reads this type; only the stand-ins, the seed and tests do.
 */

export type ScaleName = 'test' | 'demo' | 'city';

export type EnterpriseRole = 'maintainer' | 'userUnit' | 'manufacturer' | 'installer' | 'filler';

export interface WorldEnterprise {
  uscc: string;
  name: string;
  /** 有限责任公司, 股份有限公司, 个体工商户 … */
  type: string;
  roles: EnterpriseRole[];
  legalRepresentative: string;
  /** Full 18-character ID number: the stand-ins decide how much of it they expose. */
  legalRepresentativeId: string;
  phone: string;
  registeredAddress: string;
  /** Current district code. */
  district: string;
  /** The code as the register still carries it (a retired code in some rows). */
  recordedDistrict: string;
  establishedOn: string;
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
}

/** TSG 07-2019 licence kinds the seed issues; there is no maintenance licence (特种设备安全法 Art. 45). */
export type LicenceType = 'MANUFACTURE' | 'INSTALLATION' | 'REPAIR' | 'FILLING';
export type LicenceStatus = 'VALID' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED';

export interface WorldLicence {
  number: string;
  holderUscc: string;
  type: LicenceType;
  /**
   * Catalogue codes the licence covers, e.g. ['3000'] or ['3110', '3310']. A top-level code covers its whole category.
   */
  scope: string[];
  issuedOn: string;
  expiresOn: string;
  status: LicenceStatus;
  /** Renewed by self-declared commitment (自我声明承诺换证). */
  selfDeclared: boolean;
}

export interface WorldSpotCheck {
  id: string;
  uscc: string;
  checkedOn: string;
  /** 'PASS' | 'RECTIFY' | 'FAIL' */
  result: 'PASS' | 'RECTIFY' | 'FAIL';
  authority: string;
}

export interface WorldCertificate {
  number: string;
  item: string;
  holderName: string;
  holderId: string;
  holderPhone: string;
  employerUscc: string;
  issuedOn: string;
  expiresOn: string;
}

export type EquipmentUsage =
  'RESIDENTIAL' | 'PUBLIC' | 'COMMERCIAL' | 'INDUSTRIAL' | 'OFFICE' | 'HOSPITAL' | 'SCHOOL' | 'TRANSPORT';
export type EquipmentStatus = 'IN_USE' | 'SUSPENDED' | 'SCRAPPED';

export interface WorldEquipment {
  registrationCode: string;
  equipmentCode: string;
  catalogueCode: string;
  userUscc: string;
  district: string;
  recordedDistrict: string;
  subDistrict: string;
  address: string;
  registeredOn: string;
  /** 使用登记证编号, e.g. 梯11沪A12345(16). */
  certificateOfUse: string;
  usage: EquipmentUsage;
  status: EquipmentStatus;
  manufacturedOn: string;
  /** Soft-deleted in the exchange database (a retracted record): still present, never served. */
  deleted: boolean;
}

export interface WorldElevator {
  registrationCode: string;
  qrId: string;
  floors: number;
  speed: number;
  manufacturer: string;
  installedOn: string;
  maintainerUscc: string;
  userUscc: string;
  remoteMonitoring: boolean;
  onDemand: boolean;
  insured: boolean;
  /**
   * The company that installed it: recorded for installations of the last two years only (optional: added for the
   * unlicensed-installation question).
   */
  installerUscc?: string;
  /** 老旧住宅电梯安全评估: the latest safety assessment of an old residential elevator; absent when none was done. */
  safetyAssessment?: WorldSafetyAssessment;
  /** 加装电梯: a lift added to an existing multi-storey residential building (absent: not one). */
  addedToExistingBuilding?: true;
}

/** 可继续使用 · 建议大修（改造） · 建议更新 */
export type AssessmentConclusion = 'CONTINUE_USE' | 'MAJOR_REPAIR' | 'RENEWAL';

export interface WorldSafetyAssessment {
  assessedOn: string;
  conclusion: AssessmentConclusion;
  /** The owners' decided measure (更新 or 大修) after a conclusion other than CONTINUE_USE; null while undecided. */
  decision: 'MAJOR_REPAIR' | 'RENEWAL' | null;
}

export type MaintenanceKind = 'HALF_MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY' | 'ON_DEMAND';

export interface WorldMaintenance {
  id: string;
  registrationCode: string;
  date: string;
  kind: MaintenanceKind;
  companyUscc: string;
  certificateNumbers: string[];
  durationMinutes: number;
  items: string[];
}

export type AlarmKind = 'ENTRAPMENT' | 'FAULT' | 'DOOR_OPEN_MOVING' | 'OVER_SPEED' | 'POWER_LOSS';

export interface WorldAlarm {
  id: string;
  registrationCode: string;
  kind: AlarmKind;
  raisedAt: string;
  /** 接警: when the maintainer or the 96333 call centre acknowledged it; null until then. */
  acceptedAt: string | null;
  arrivedAt: string | null;
  resolvedAt: string | null;
  /** 结案: when the platform closed the record, some time after the release; null until then. */
  closedAt: string | null;
  source: 'INTERCOM' | 'QR_CODE' | 'SENSOR' | 'POLICE_110';
}

export type InspectionKind = 'PERIODIC' | 'SUPERVISORY' | 'SELF_TEST';
export type InspectionConclusion = 'PASS' | 'CONDITIONAL' | 'FAIL';

export interface WorldInspection {
  id: string;
  registrationCode: string;
  kind: InspectionKind;
  date: string;
  body: string;
  conclusion: InspectionConclusion;
  nextDueOn: string;
}

export type HazardLevel = 'GENERAL' | 'MAJOR';
export type HazardStatus = 'FOUND' | 'RECTIFYING' | 'RECTIFIED' | 'VERIFIED';

export interface WorldHazard {
  id: string;
  registrationCode: string;
  foundOn: string;
  level: HazardLevel;
  description: string;
  source: 'INSPECTION' | 'SUPERVISION' | 'REPORT' | 'MONITORING';
  deadline: string;
  status: HazardStatus;
  closedOn: string | null;
  orderNumber: string | null;
  /** 挂牌督办 */
  supervised: boolean;
}

export type RiskClass = 'A' | 'B' | 'C' | 'D';

export interface WorldAnnualReport {
  uscc: string;
  year: number;
  filedOn: string;
  onTime: boolean;
}

export interface WorldPenalty {
  decisionNumber: string;
  uscc: string;
  violationType: string;
  content: string;
  authority: string;
  decidedOn: string;
}

export interface WorldAbnormalListing {
  uscc: string;
  /** 1 annual report late · 2 ordered disclosure missed · 3 false information · 4 unreachable at address */
  reason: 1 | 2 | 3 | 4;
  listedOn: string;
  listedBy: string;
  removedOn: string | null;
  removalReason: string | null;
  removedBy: string | null;
}

export interface WorldSeriousViolation {
  uscc: string;
  reason: string;
  listedOn: string;
  listedBy: string;
  removedOn: string | null;
}

/** A daily change to the credit register, as the credit system's increment files carry it. */
export type CreditChange =
  | { kind: 'upsertEnterprise'; on: string; enterprise: WorldEnterprise }
  | { kind: 'removeEnterprise'; on: string; uscc: string }
  | { kind: 'riskClass'; on: string; uscc: string; riskClass: RiskClass }
  | { kind: 'annualReport'; on: string; report: WorldAnnualReport }
  | { kind: 'penalty'; on: string; penalty: WorldPenalty }
  | { kind: 'abnormal'; on: string; listing: WorldAbnormalListing }
  | {
      kind: 'abnormalRemoved';
      on: string;
      uscc: string;
      reason: 1 | 2 | 3 | 4;
      removedOn: string;
      removalReason: string;
      removedBy: string;
    };

/** What the credit system holds on one day. */
export interface CreditState {
  enterprises: WorldEnterprise[];
  riskClasses: Record<string, RiskClass>;
  annualReports: WorldAnnualReport[];
  penalties: WorldPenalty[];
  abnormalListings: WorldAbnormalListing[];
  seriousViolations: WorldSeriousViolation[];
}

export interface WorldCredit {
  /** The date of the full snapshot file. */
  snapshotOn: string;
  snapshot: CreditState;
  /** Daily changes after the snapshot, in order, up to asOf. Snapshot + increments = the state at asOf. */
  increments: CreditChange[];
}

export interface World {
  scale: ScaleName;
  seed: number;
  /** The world's today: every date is on or before it; "overdue" is judged against it. */
  asOf: string;
  /** Every enterprise as of asOf (the credit register's state after all increments). */
  enterprises: WorldEnterprise[];
  licences: WorldLicence[];
  spotChecks: WorldSpotCheck[];
  certificates: WorldCertificate[];
  equipment: WorldEquipment[];
  elevators: WorldElevator[];
  maintenance: WorldMaintenance[];
  alarms: WorldAlarm[];
  inspections: WorldInspection[];
  hazards: WorldHazard[];
  credit: WorldCredit;
}
