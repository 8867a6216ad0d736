/**
 * What the permit subgraph may ask of the licensing system. Batch methods take any number of keys
 * and return results aligned with them: a value, null (not on record) or an Error for that key alone.
 * Results for list-valued keys are lists (empty when the system holds nothing for the key).
 */
import type { Licence, LicenceFilter, OperatorCertificate, PageRequest, Slice, SpotCheck } from './types.ts';

export interface PermitPort {
  /** Every licence each enterprise holds, whatever its status. */
  licencesByHolder(usccs: readonly string[]): Promise<(readonly Licence[] | Error)[]>;
  certificatesByNumber(numbers: readonly string[]): Promise<(OperatorCertificate | null | Error)[]>;
  /** Certificates held by each person, by full ID number (the answers carry it masked). */
  certificatesByHolder(idNumbers: readonly string[]): Promise<(readonly OperatorCertificate[] | Error)[]>;
  spotChecksByEnterprise(usccs: readonly string[]): Promise<(readonly SpotCheck[] | Error)[]>;
  /** Licences matching the filter, ordered by expiry date then number. */
  searchLicences(filter: LicenceFilter, page: PageRequest): Promise<Slice<Licence>>;
}
