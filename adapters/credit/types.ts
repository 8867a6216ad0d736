/** Domain types of the credit system: what the subgraph sees. No legacy name crosses this line. */

export type EnterpriseStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED';
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
type AbnormalReason =
  'ANNUAL_REPORT_NOT_PUBLISHED' | 'ORDERED_DISCLOSURE_MISSED' | 'FALSE_INFORMATION' | 'UNREACHABLE_AT_ADDRESS';
export type CreditList = 'ABNORMAL_OPERATION' | 'SERIOUS_VIOLATION';
/** How many enterprises hold each risk class. */
export type RiskClassCounts = Readonly<Record<RiskClass, number>>;

export interface Enterprise {
  readonly uscc: string;
  readonly name: string;
  /** 企业类型 as registered, free text (有限责任公司 …). */
  readonly type: string;
  readonly status: EnterpriseStatus;
  /** Today's district code; null when the register's code is not a Shanghai district. */
  readonly districtCode: string | null;
  /** The district code as the register records it (a retired code in some records). */
  readonly recordedDistrictCode: string;
  readonly registeredAddress: string;
  /** Personal data: the subgraph masks it. */
  readonly legalRepresentative: string;
  readonly establishedOn: string;
}

interface AnnualReport {
  readonly year: number;
  readonly filedOn: string;
  readonly onTime: boolean;
}

interface Penalty {
  readonly decisionNumber: string;
  readonly violationType: string;
  readonly content: string;
  readonly authority: string;
  readonly decidedOn: string;
}

interface AbnormalListing {
  readonly reason: AbnormalReason;
  readonly listedOn: string;
  readonly listedBy: string;
  readonly removedOn: string | null;
  readonly removalReason: string | null;
  readonly removedBy: string | null;
}

interface SeriousViolation {
  readonly reason: string;
  readonly listedOn: string;
  readonly listedBy: string;
  readonly removedOn: string | null;
}

/** Everything the credit system holds on one USCC beyond the register; empty lists when nothing. */
export interface CreditProfile {
  readonly uscc: string;
  readonly riskClass: RiskClass | null;
  readonly riskClassifiedOn: string | null;
  /** Newest year first. */
  readonly annualReports: readonly AnnualReport[];
  /** Newest first. */
  readonly penalties: readonly Penalty[];
  /** Newest listing first. */
  readonly abnormalListings: readonly AbnormalListing[];
  /** Newest listing first. */
  readonly seriousViolations: readonly SeriousViolation[];
}

export interface EnterpriseFilter {
  readonly nameContains?: string;
  /** Today's district code. */
  readonly district?: string;
  readonly riskClass?: RiskClass;
  readonly status?: EnterpriseStatus;
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface Slice<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** The credit system's datasets, by what they hold. */
export type CreditDataset =
  'REGISTER' | 'RISK_CLASS' | 'ANNUAL_REPORT' | 'PENALTY' | 'ABNORMAL_OPERATION_LIST' | 'SERIOUS_VIOLATION_LIST';

/** A delivered snapshot (or late increment) that ingestion held back instead of applying; an operator decides. */
export interface HeldFile {
  readonly dataset: CreditDataset;
  readonly file: string;
  /** Why it was held (no usable rows, too large a shrink, a late file whose successors cannot be re-read). */
  readonly reason: string;
  /** Usable rows in the file: what applying it would leave (a snapshot) or change (an increment). */
  readonly rows: number;
  /** Rows the dataset held when the file was judged; null for an increment. */
  readonly currentRows: number | null;
  /** When it was held (ISO 8601 instant). */
  readonly since: string;
}

export interface CreditFreshness {
  /** Date of the newest applied batch file; null before the first one. */
  readonly newestFileDate: string | null;
  readonly appliedFiles: number;
  /** Files refused whole (undecodable, checksum mismatch). */
  readonly rejectedFiles: number;
  /** Files whose content a newer snapshot of their dataset already holds (recorded, not applied). */
  readonly supersededFiles: number;
  readonly quarantinedRows: number;
  /** Files waiting for an operator, oldest first. */
  readonly heldFiles: readonly HeldFile[];
}
