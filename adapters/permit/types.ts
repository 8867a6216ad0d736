/** The permit system's records as the graph sees them: domain enums, ISO dates, no legacy names. */

export type LicenceType = 'MANUFACTURE' | 'INSTALLATION' | 'REPAIR' | 'MAINTENANCE' | 'FILLING';

export type LicenceStatus = 'VALID' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED';

export interface Licence {
  readonly number: string;
  readonly holderUscc: string;
  readonly type: LicenceType;
  /** Catalogue codes covered; a top-level code (e.g. '3000') covers its whole category. */
  readonly scope: readonly string[];
  /** YYYY-MM-DD */
  readonly issuedOn: string;
  /** YYYY-MM-DD */
  readonly expiresOn: string;
  /** As the permit system records it; it is not re-judged against the clock here. */
  readonly status: LicenceStatus;
  /** Renewed by self-declared commitment (自我声明承诺换证). */
  readonly selfDeclared: boolean;
}

export interface OperatorCertificate {
  readonly number: string;
  /** Operator item code: A, G1 … T, Q1, N1 … */
  readonly item: string;
  readonly holderName: string;
  /** Masked by the permit system itself (first 6 and last 4 characters); the full number never arrives. */
  readonly holderIdNumber: string;
  readonly employerUscc: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  /** 暂扣: the period the certificate is or was suspended, both days included; null when never. */
  readonly suspension: CertificateSuspension | null;
}

interface CertificateSuspension {
  /** YYYY-MM-DD, the first day suspended. */
  readonly from: string;
  /** YYYY-MM-DD, the last day suspended. */
  readonly until: string;
}

export type SpotCheckResult = 'PASS' | 'RECTIFY' | 'FAIL';

/** A post-licensing spot check (证后监督抽查). */
export interface SpotCheck {
  readonly id: string;
  readonly enterpriseUscc: string;
  readonly checkedOn: string;
  readonly result: SpotCheckResult;
  readonly authority: string;
}

export interface LicenceFilter {
  readonly type?: LicenceType;
  readonly status?: LicenceStatus;
  /** Today's district code of the holder; records under a retired code that it absorbed match too. */
  readonly district?: string;
  /** Expiry on or after this date (YYYY-MM-DD). */
  readonly expiresFrom?: string;
  /** Expiry on or before this date (YYYY-MM-DD). */
  readonly expiresTo?: string;
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** One page of a search: a record that failed validation is an Error in its place. */
export interface Slice<T> {
  readonly items: readonly (T | Error)[];
  readonly total: number;
}
