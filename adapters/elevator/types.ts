/** Domain types of the smart-elevator platform: plain English, ISO dates, no legacy field names. */

export type ElevatorUsage =
  'RESIDENTIAL' | 'PUBLIC' | 'COMMERCIAL' | 'INDUSTRIAL' | 'OFFICE' | 'HOSPITAL' | 'SCHOOL' | 'TRANSPORT';

export type ElevatorStatus = 'IN_USE' | 'SUSPENDED' | 'SCRAPPED';

export interface ElevatorProfile {
  readonly registrationCode: string;
  /** 上海智慧电梯码 QR id. */
  readonly qrId: string;
  readonly catalogueCode: string;
  readonly address: string;
  /** Today's district code (retired codes mapped); null when the platform's code is no Shanghai district. */
  readonly district: string | null;
  /** The district code exactly as the platform holds it. */
  readonly recordedDistrict: string;
  readonly subDistrict: string;
  readonly usage: ElevatorUsage | null;
  readonly floors: number;
  /** Rated speed, m/s. */
  readonly speed: number;
  readonly manufacturer: string;
  readonly installedOn: string;
  readonly maintainerUscc: string;
  readonly userUscc: string;
  /**
   * The installer (安装单位); null when the platform did not record it (it does for recent installations).
   */
  readonly installerUscc: string | null;
  readonly remoteMonitoring: boolean;
  readonly onDemand: boolean;
  readonly insured: boolean;
  readonly status: ElevatorStatus;
  /** 老旧住宅电梯安全评估: the latest safety assessment on record; null when none. */
  readonly safetyAssessment: SafetyAssessment | null;
  /** 加装电梯: a lift added to an existing multi-storey residential building. */
  readonly addedToExistingBuilding: boolean;
}

/** 可继续使用 · 建议大修（改造） · 建议更新 */
export type AssessmentConclusion = 'CONTINUE_USE' | 'MAJOR_REPAIR' | 'RENEWAL';

interface SafetyAssessment {
  readonly assessedOn: string;
  readonly conclusion: AssessmentConclusion;
  /** The measure the owners decided (大修 or 更新); null while undecided or when none is needed. */
  readonly decision: 'MAJOR_REPAIR' | 'RENEWAL' | null;
}

export type MaintenanceKind = 'HALF_MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY' | 'ON_DEMAND';

export interface MaintenanceRecord {
  readonly id: string;
  readonly registrationCode: string;
  /** When the work was done. */
  readonly performedAt: Date;
  /** The day of the work in Asia/Shanghai, YYYY-MM-DD. */
  readonly date: string;
  readonly kind: MaintenanceKind;
  readonly companyUscc: string;
  readonly certificateNumbers: readonly string[];
  readonly durationMinutes: number;
  readonly items: readonly string[];
}

export type AlarmKind = 'ENTRAPMENT' | 'FAULT' | 'DOOR_OPEN_MOVING' | 'OVER_SPEED' | 'POWER_LOSS';
export type AlarmSource = 'INTERCOM' | 'QR_CODE' | 'SENSOR' | 'POLICE_110';

/** Where an alarm stands, in the order it passes the states: the platform's 报警状态. */
export type AlarmState = 'RAISED' | 'ACCEPTED' | 'RESCUER_ARRIVED' | 'RELEASED' | 'CLOSED';

export interface Alarm {
  readonly id: string;
  readonly registrationCode: string;
  readonly kind: AlarmKind;
  readonly source: AlarmSource;
  readonly state: AlarmState;
  readonly raisedAt: Date;
  /** When the maintainer or the call centre acknowledged it (接警); null until then. */
  readonly acceptedAt: Date | null;
  /** When rescue or maintenance staff arrived; null while nobody has. */
  readonly arrivedAt: Date | null;
  readonly resolvedAt: Date | null;
  /** When the platform closed the record (结案), after the release; null until then. */
  readonly closedAt: Date | null;
}

/** A window of a list: offset from the start and how many. */
export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** One page of a list: malformed records stay in place as LEGACY_BAD_DATA errors. */
export interface Slice<T> {
  readonly items: readonly (T | Error)[];
  readonly total: number;
}

export interface ElevatorFilter {
  /** Today's district code; the adapter also asks for the retired codes it absorbed. */
  readonly district?: string;
  readonly maintainerUscc?: string;
  readonly userUscc?: string;
  readonly onDemand?: boolean;
  readonly remoteMonitoring?: boolean;
  /** Only elevators installed on or before this date (YYYY-MM-DD): how "older than N years" is asked. */
  readonly installedOnOrBefore?: string;
}

export interface MaintenanceQuery {
  readonly registrationCode?: string;
  readonly companyUscc?: string;
  /** Inclusive Shanghai dates, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

export interface AlarmQuery {
  readonly registrationCode?: string;
  readonly kind?: AlarmKind;
  readonly raisedFrom?: Date;
  readonly raisedTo?: Date;
}

export interface AlarmFeedPage {
  readonly alarms: readonly (Alarm | Error)[];
  /** Pass back to get the alarms after these; opaque. */
  readonly cursor: string;
}
