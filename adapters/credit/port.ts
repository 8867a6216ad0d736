/**
 * What the credit subgraph may ask of the credit system. Batch lookups return results aligned with
 * the keys: a value, null (not on record) or an Error for that key alone. Lists are ordered by USCC.
 */
import type {
  CreditFreshness,
  CreditList,
  CreditProfile,
  Enterprise,
  EnterpriseFilter,
  PageRequest,
  RiskClassCounts,
  Slice,
} from './types.ts';

export interface CreditPort {
  enterprisesByUscc(usccs: readonly string[]): Promise<(Enterprise | null | Error)[]>;
  /** A profile for every key (empty for a USCC the credit system knows nothing of). */
  creditProfiles(usccs: readonly string[]): Promise<(CreditProfile | Error)[]>;
  searchEnterprises(filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>>;
  /** Active enterprises established before the end of `year` with no annual report for it. */
  enterprisesMissingAnnualReport(year: number, filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>>;
  /** Registered enterprises currently on the list (listed, not removed). */
  enterprisesOnList(list: CreditList, filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>>;
  /**
   * Registered enterprises with a current risk class, counted by today's district (retired codes merged) and class, in
   * the store.
   */
  riskClassCountsByDistrict(): Promise<Map<string, RiskClassCounts>>;
  freshness(): Promise<CreditFreshness>;
}
