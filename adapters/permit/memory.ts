/**
 * An in-memory PermitPort for unit tests of the subgraph: the adapter's contract (aligned batch
 * results, empty lists for unknown keys, expiry-ordered searches, per-key errors), plus a log of the
 * batches it was asked for.
 */
import { currentDistrict } from '../../reference/index.ts';
import type { PermitPort } from './port.ts';
import type { Licence, LicenceFilter, OperatorCertificate, PageRequest, Slice, SpotCheck } from './types.ts';

export interface InMemoryPermitData {
  readonly licences: readonly Licence[];
  readonly certificates: readonly OperatorCertificate[];
  /** Full ID number of each certificate's holder, by certificate number (the port answers masked). */
  readonly holderIds?: ReadonlyMap<string, string>;
  readonly spotChecks: readonly SpotCheck[];
  /** Holder district (as recorded, retired codes allowed) by USCC, for district searches. */
  readonly districts?: ReadonlyMap<string, string>;
  /** Keys answered with this error instead of a value (to test per-item failures). */
  readonly failures?: ReadonlyMap<string, Error>;
}

export class InMemoryPermitPort implements PermitPort {
  /** Every batch asked for, by method: the way tests prove there is no N+1. */
  readonly batches: { method: string; keys: readonly string[] }[] = [];

  constructor(private readonly data: InMemoryPermitData) {}

  private answer<T>(method: string, keys: readonly string[], lookup: (key: string) => T): (T | Error)[] {
    this.batches.push({ method, keys: [...keys] });
    return keys.map((k) => this.data.failures?.get(k) ?? lookup(k));
  }

  async licencesByHolder(usccs: readonly string[]): Promise<(readonly Licence[] | Error)[]> {
    return this.answer('licencesByHolder', usccs, (u) => this.data.licences.filter((l) => l.holderUscc === u));
  }

  async certificatesByNumber(numbers: readonly string[]): Promise<(OperatorCertificate | null | Error)[]> {
    return this.answer(
      'certificatesByNumber',
      numbers,
      (n) => this.data.certificates.find((c) => c.number === n) ?? null,
    );
  }

  async certificatesByHolder(idNumbers: readonly string[]): Promise<(readonly OperatorCertificate[] | Error)[]> {
    return this.answer('certificatesByHolder', idNumbers, (id) =>
      this.data.certificates.filter((c) => this.data.holderIds?.get(c.number) === id),
    );
  }

  async spotChecksByEnterprise(usccs: readonly string[]): Promise<(readonly SpotCheck[] | Error)[]> {
    return this.answer('spotChecksByEnterprise', usccs, (u) =>
      this.data.spotChecks.filter((s) => s.enterpriseUscc === u),
    );
  }

  async searchLicences(filter: LicenceFilter, page: PageRequest): Promise<Slice<Licence>> {
    const rows = this.data.licences
      .filter(
        (l) =>
          (filter.type === undefined || l.type === filter.type) &&
          (filter.status === undefined || l.status === filter.status) &&
          (filter.district === undefined ||
            currentDistrict(this.data.districts?.get(l.holderUscc) ?? '')?.code === filter.district) &&
          (filter.expiresFrom === undefined || l.expiresOn >= filter.expiresFrom) &&
          (filter.expiresTo === undefined || l.expiresOn <= filter.expiresTo),
      )
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.number.localeCompare(b.number));
    return { items: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
  }
}
