/** Per-request DataLoaders over the port: every entity and batch lookup of the subgraph goes through one. */
import DataLoader from 'dataloader';
import type { PermitPort } from '../../adapters/permit/port.ts';
import type { Licence, OperatorCertificate, SpotCheck } from '../../adapters/permit/types.ts';

export interface PermitLoaders {
  /** Every licence of an enterprise, by USCC; filters by status and type apply afterwards. */
  readonly licences: DataLoader<string, readonly Licence[]>;
  readonly spotChecks: DataLoader<string, readonly SpotCheck[]>;
  readonly certificate: DataLoader<string, OperatorCertificate | null>;
  /** Certificates held by a person, by full ID number. */
  readonly holderCertificates: DataLoader<string, readonly OperatorCertificate[]>;
}

export function createPermitLoaders(port: PermitPort): PermitLoaders {
  return {
    licences: new DataLoader((usccs: readonly string[]) => port.licencesByHolder(usccs)),
    spotChecks: new DataLoader((usccs: readonly string[]) => port.spotChecksByEnterprise(usccs)),
    certificate: new DataLoader((numbers: readonly string[]) => port.certificatesByNumber(numbers)),
    holderCertificates: new DataLoader((idNumbers: readonly string[]) => port.certificatesByHolder(idNumbers)),
  };
}
