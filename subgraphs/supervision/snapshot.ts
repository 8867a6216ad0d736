/**
 * The cross-system index: one snapshot of the four systems joined once, so each question is a walk
 * over prepared maps instead of legacy calls. Every piece of work is judged against the licence rule
 * here, at build time; per-question filters (dates, district, limit) are applied when asked. The join
 * runs in slices (runtime/slices.ts): at city scale it walks 1.24 million records, seconds of work that
 * would otherwise hold the subgraph's event loop.
 */
import type { Licence, LicenceType } from '../../adapters/permit/types.ts';
import { Slicer, forEachSliced } from '../../runtime/slices.ts';
import { SignatureCollector, type SignatureBook } from './signatures.ts';
import { LICENCES_FOR, type UncoveredReason, type WorkKind, uncoveredReason } from './rules.ts';
import type { CertificateFacts, SourceData } from './sources.ts';
import type { QualityJudgement } from './maintenance-quality.ts';
import type { MaintenanceKind } from '../../adapters/elevator/types.ts';

/** A maintenance visit the quality rule found wrong (maintenance-quality.ts). */
export interface QualityItem extends QualityJudgement {
  readonly recordId: string;
  readonly registrationCode: string;
  readonly date: string;
  readonly companyUscc: string;
  readonly kind: MaintenanceKind;
  readonly durationMinutes: number;
  /** The elevator's district; null when neither system knows the elevator or its code is no Shanghai district. */
  readonly district: string | null;
}

/** A piece of work no licence covered. */
export interface WorkItem {
  readonly kind: WorkKind;
  /** The maintenance record's id; null for an installation. */
  readonly recordId: string | null;
  readonly registrationCode: string;
  readonly date: string;
  readonly companyUscc: string;
  readonly catalogueCode: string;
  readonly district: string | null;
  readonly reason: UncoveredReason;
}

export interface CompanyWork {
  records: number;
  /** Newest first. */
  readonly uncovered: WorkItem[];
}

interface HolderEntry {
  readonly uscc: string;
  readonly licenceTypes: readonly LicenceType[];
  readonly district: string | null;
  /** null when the credit register does not know the holder (then it cannot be judged to owe a report). */
  readonly establishedOn: string | null;
  readonly active: boolean;
  /** Years it filed an annual report for. */
  readonly reportYears: ReadonlySet<number>;
  /** Issue date of its earliest licence on the register. */
  readonly firstLicensedOn: string;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface Snapshot {
  /** Real time the build finished. */
  readonly refreshedAt: Date;
  readonly today: string;
  readonly periods: Readonly<Record<WorkKind, Period>>;
  readonly work: ReadonlyMap<WorkKind, ReadonlyMap<string, CompanyWork>>;
  /** Maintenance visits of the window without their kind's items or too short, newest first. */
  readonly quality: readonly QualityItem[];
  /** What each certificate signed in the window. */
  readonly signatures: SignatureBook;
  /** The permit register's entry of each signing certificate; null when it has none, absent when unreadable. */
  readonly certificates: ReadonlyMap<string, CertificateFacts | null>;
  /** Licence holders, by USCC. */
  readonly holders: ReadonlyMap<string, HolderEntry>;
  /** Years any holder filed an annual report for: the credit feed's history; other years are no data. */
  readonly annualReportYears: ReadonlySet<number>;
  readonly sizes: {
    readonly elevators: number;
    readonly records: number;
    readonly licences: number;
    readonly holders: number;
    readonly skipped: number;
  };
}

/** Per kind of work, each holder's licences of the types that allow it. */
function licencesForWork(licences: readonly Licence[]): Map<WorkKind, Map<string, Licence[]>> {
  const out = new Map<WorkKind, Map<string, Licence[]>>();
  for (const [kind, types] of Object.entries(LICENCES_FOR) as [WorkKind, readonly string[]][]) {
    const byHolder = new Map<string, Licence[]>();
    for (const l of licences) {
      if (!types.includes(l.type)) continue;
      const list = byHolder.get(l.holderUscc);
      if (list) list.push(l);
      else byHolder.set(l.holderUscc, [l]);
    }
    out.set(kind, byHolder);
  }
  return out;
}

export async function buildSnapshot(
  data: SourceData,
  window: Period,
  today: string,
  refreshedAt: () => Date,
): Promise<Snapshot> {
  const slicer = new Slicer();
  let skipped = data.skipped;
  const licences = licencesForWork(data.licences);
  const work = new Map<WorkKind, Map<string, CompanyWork>>([
    ['MAINTENANCE', new Map()],
    ['INSTALLATION', new Map()],
  ]);
  const judge = (
    kind: WorkKind,
    recordId: string | null,
    registrationCode: string,
    date: string,
    companyUscc: string,
  ) => {
    const facts = data.facts.get(registrationCode);
    // Neither the platform nor the registry knows the elevator: its scope cannot be judged.
    if (!facts) return void skipped++;
    const reason = uncoveredReason(licences.get(kind)!.get(companyUscc) ?? [], date, facts.catalogueCode);
    const byCompany = work.get(kind)!;
    let entry = byCompany.get(companyUscc);
    if (!entry) byCompany.set(companyUscc, (entry = { records: 0, uncovered: [] }));
    entry.records++;
    if (reason !== null)
      entry.uncovered.push({
        kind,
        recordId,
        registrationCode,
        date,
        companyUscc,
        catalogueCode: facts.catalogueCode,
        district: facts.district,
        reason,
      });
  };

  const signatures = new SignatureCollector();
  const quality: QualityItem[] = [];
  await forEachSliced(
    data.records,
    (r) => {
      judge('MAINTENANCE', r.id, r.registrationCode, r.date, r.companyUscc);
      signatures.add(r);
      if (r.quality)
        quality.push({
          ...r.quality,
          recordId: r.id,
          registrationCode: r.registrationCode,
          date: r.date,
          companyUscc: r.companyUscc,
          kind: r.kind,
          durationMinutes: r.durationMinutes,
          district: data.facts.get(r.registrationCode)?.district ?? null,
        });
    },
    slicer,
  );
  quality.sort((a, b) => b.date.localeCompare(a.date) || a.recordId.localeCompare(b.recordId));
  let firstInstallation = today;
  await forEachSliced(
    data.elevators,
    (e) => {
      if (!e.installerUscc) return;
      judge('INSTALLATION', null, e.registrationCode, e.installedOn, e.installerUscc);
      if (e.installedOn < firstInstallation) firstInstallation = e.installedOn;
    },
    slicer,
  );
  for (const byCompany of work.values()) {
    await forEachSliced(
      byCompany.values(),
      (entry) =>
        entry.uncovered.sort(
          (a, b) => b.date.localeCompare(a.date) || a.registrationCode.localeCompare(b.registrationCode),
        ),
      slicer,
    );
  }

  const holders = new Map<string, HolderEntry>();
  const typesOf = new Map<string, Set<LicenceType>>();
  const firstLicensed = new Map<string, string>();
  for (const l of data.licences) {
    typesOf.set(l.holderUscc, (typesOf.get(l.holderUscc) ?? new Set()).add(l.type));
    if (l.issuedOn < (firstLicensed.get(l.holderUscc) ?? '9999')) firstLicensed.set(l.holderUscc, l.issuedOn);
  }
  for (const [uscc, types] of typesOf) {
    const facts = data.holders.get(uscc);
    const enterprise = facts?.enterprise ?? null;
    holders.set(uscc, {
      uscc,
      licenceTypes: [...types].sort(),
      district: enterprise?.districtCode ?? null,
      establishedOn: enterprise?.establishedOn ?? null,
      active: enterprise?.status === 'ACTIVE',
      reportYears: new Set(facts?.profile.annualReports.map((r) => r.year) ?? []),
      firstLicensedOn: firstLicensed.get(uscc)!,
    });
  }

  return {
    refreshedAt: refreshedAt(),
    today,
    periods: { MAINTENANCE: window, INSTALLATION: { from: firstInstallation, to: today } },
    work,
    quality,
    signatures: await signatures.book(slicer),
    certificates: data.certificates,
    holders,
    annualReportYears: new Set([...holders.values()].flatMap((h) => [...h.reportYears])),
    sizes: {
      elevators: data.elevators.length,
      records: data.records.length,
      licences: data.licences.length,
      holders: holders.size,
      skipped,
    },
  };
}
