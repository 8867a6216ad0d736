/** Per-request DataLoaders over the credit port: one port call per batch of keys. */
import DataLoader from 'dataloader';
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { CreditProfile, Enterprise } from '../../adapters/credit/types.ts';

export interface CreditLoaders {
  readonly enterprise: DataLoader<string, Enterprise | null>;
  readonly creditProfile: DataLoader<string, CreditProfile>;
}

export function createCreditLoaders(port: CreditPort): CreditLoaders {
  return {
    enterprise: new DataLoader((usccs) => port.enterprisesByUscc(usccs)),
    creditProfile: new DataLoader((usccs) => port.creditProfiles(usccs)),
  };
}
