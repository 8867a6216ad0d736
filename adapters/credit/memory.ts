/**
 * An in-memory CreditPort for unit tests of the subgraph: the same semantics as the store-backed
 * adapter over plain arrays, each method one recorded call (through LegacyCalls, so observers count it).
 */
import { type CallObserver, LegacyCalls } from '../core/calls.ts';
import type { CreditPort } from './port.ts';
import { tallyRiskClasses } from './mapper.ts';
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

export interface MemoryCreditData {
  readonly enterprises: readonly Enterprise[];
  readonly profiles: readonly CreditProfile[];
  readonly freshness?: CreditFreshness;
}

const emptyProfile = (uscc: string): CreditProfile => ({
  uscc,
  riskClass: null,
  riskClassifiedOn: null,
  annualReports: [],
  penalties: [],
  abnormalListings: [],
  seriousViolations: [],
});

export class MemoryCreditPort implements CreditPort {
  private readonly calls: LegacyCalls;
  private readonly enterprises: Map<string, Enterprise>;
  private readonly profiles: Map<string, CreditProfile>;

  constructor(
    private readonly data: MemoryCreditData,
    observers: readonly CallObserver[] = [],
  ) {
    this.calls = new LegacyCalls({ system: 'credit', timeoutMs: 1000, observers });
    this.enterprises = new Map(data.enterprises.map((e) => [e.uscc, e]));
    this.profiles = new Map(data.profiles.map((p) => [p.uscc, p]));
  }

  enterprisesByUscc(usccs: readonly string[]): Promise<(Enterprise | null | Error)[]> {
    return this.calls.run('enterprisesByUscc', async () => usccs.map((u) => this.enterprises.get(u) ?? null), {
      keys: usccs.length,
    });
  }

  creditProfiles(usccs: readonly string[]): Promise<(CreditProfile | Error)[]> {
    return this.calls.run('creditProfiles', async () => usccs.map((u) => this.profiles.get(u) ?? emptyProfile(u)), {
      keys: usccs.length,
    });
  }

  searchEnterprises(filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>> {
    return this.calls.run('searchEnterprises', async () => this.slice(filter, () => true, page));
  }

  enterprisesMissingAnnualReport(
    year: number,
    filter: EnterpriseFilter,
    page: PageRequest,
  ): Promise<Slice<Enterprise>> {
    const missing = (e: Enterprise) =>
      e.status === 'ACTIVE' &&
      e.establishedOn <= `${year}-12-31` &&
      !this.profile(e.uscc).annualReports.some((r) => r.year === year);
    return this.calls.run('enterprisesMissingAnnualReport', async () => this.slice(filter, missing, page));
  }

  enterprisesOnList(list: CreditList, filter: EnterpriseFilter, page: PageRequest): Promise<Slice<Enterprise>> {
    const listed = (e: Enterprise) => {
      const p = this.profile(e.uscc);
      return (list === 'ABNORMAL_OPERATION' ? p.abnormalListings : p.seriousViolations).some(
        (l) => l.removedOn === null,
      );
    };
    return this.calls.run('enterprisesOnList', async () => this.slice(filter, listed, page));
  }

  riskClassCountsByDistrict(): Promise<Map<string, RiskClassCounts>> {
    return this.calls.run('riskClassCountsByDistrict', async () =>
      tallyRiskClasses(
        [...this.enterprises.values()].flatMap((e) => {
          const riskClass = this.profile(e.uscc).riskClass;
          return riskClass ? [{ recordedDistrict: e.recordedDistrictCode, riskClass, n: 1 }] : [];
        }),
      ),
    );
  }

  freshness(): Promise<CreditFreshness> {
    return this.calls.run(
      'freshness',
      async () =>
        this.data.freshness ?? {
          newestFileDate: null,
          appliedFiles: 0,
          rejectedFiles: 0,
          supersededFiles: 0,
          quarantinedRows: 0,
          heldFiles: [],
        },
    );
  }

  private profile(uscc: string): CreditProfile {
    return this.profiles.get(uscc) ?? emptyProfile(uscc);
  }

  private slice(filter: EnterpriseFilter, condition: (e: Enterprise) => boolean, page: PageRequest): Slice<Enterprise> {
    const matching = [...this.enterprises.values()]
      .filter(
        (e) =>
          (filter.nameContains === undefined || e.name.includes(filter.nameContains)) &&
          (filter.district === undefined || e.districtCode === filter.district) &&
          (filter.status === undefined || e.status === filter.status) &&
          (filter.riskClass === undefined || this.profile(e.uscc).riskClass === filter.riskClass) &&
          condition(e),
      )
      .sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
    return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
  }
}
