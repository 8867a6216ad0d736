/**
 * Reads what the cross-system index needs, in bulk, through each system's port (never its protocol):
 * every elevator on the platform, the maintenance records of the window, every licence, and the credit
 * register and profile of every licence holder. Malformed records are counted and left out (the
 * adapters have logged them); a whole call that fails fails the build, so a half-read snapshot is never served.
 */
import { LegacyError } from '../../graph/errors.ts';
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { CreditProfile, Enterprise } from '../../adapters/credit/types.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { ElevatorProfile, MaintenanceRecord } from '../../adapters/elevator/types.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import type { PermitPort } from '../../adapters/permit/port.ts';
import type { Licence } from '../../adapters/permit/types.ts';
import { Slicer, forEachSliced } from '../../runtime/slices.ts';
import type { Logger } from '../../runtime/logger.ts';
import { readAll, readAllMapped } from '../common/read-all.ts';
import { valueSharer } from '../common/shared-values.ts';
import type { PlatformElevators } from '../common/platform-elevators.ts';
import { type QualityJudgement, judgeVisit } from './maintenance-quality.ts';

/** The four systems' ports; the supervision subgraph reads them and nothing else. */
export interface SupervisionPorts {
  readonly elevator: ElevatorPort;
  readonly permit: PermitPort;
  readonly credit: CreditPort;
  readonly inspection: InspectionPort;
}

/** The part of a maintenance record the questions use (the index keeps a million of them at city scale). */
interface SignedWork {
  readonly id: string;
  readonly registrationCode: string;
  readonly date: string;
  readonly companyUscc: string;
  readonly certificateNumbers: readonly string[];
  readonly kind: MaintenanceRecord['kind'];
  readonly durationMinutes: number;
  /** What the maintenance-quality rule found wrong with it (judged here, so its items need not be kept); null when nothing. */
  readonly quality: QualityJudgement | null;
}

/**
 * What the index keeps of a record, equal values shared for the build: a city's 1.2 million records repeat
 * a few hundred thousand registration codes, a few hundred dates, a few thousand companies, their
 * certificate lists and quality judgements; parsed, each record holds copies of its own.
 */
function signedWork(): (record: MaintenanceRecord) => SignedWork {
  const code = valueSharer<string>();
  const date = valueSharer<string>();
  const uscc = valueSharer<string>();
  const certificates = valueSharer<readonly string[]>();
  const quality = valueSharer<QualityJudgement | null>();
  return (r) => ({
    id: r.id,
    registrationCode: code(r.registrationCode),
    date: date(r.date),
    companyUscc: uscc(r.companyUscc),
    certificateNumbers: certificates(r.certificateNumbers),
    kind: r.kind,
    durationMinutes: r.durationMinutes,
    quality: quality(judgeVisit(r)),
  });
}

/** Where an elevator is and what it is: from the platform, or the registry for one the platform no longer lists. */
interface ElevatorFacts {
  readonly catalogueCode: string;
  readonly district: string | null;
}

/** What the lending rules need of a certificate (the permit register's entry). */
export interface CertificateFacts {
  readonly item: string;
  readonly employerUscc: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  /** 暂扣, both days included; null when none is on record. */
  readonly suspension: { readonly from: string; readonly until: string } | null;
}

interface HolderFacts {
  /** null when the credit register does not know the USCC. */
  readonly enterprise: Enterprise | null;
  readonly profile: CreditProfile;
}

export interface SourceData {
  readonly elevators: readonly ElevatorProfile[];
  readonly facts: ReadonlyMap<string, ElevatorFacts>;
  readonly records: readonly SignedWork[];
  readonly licences: readonly Licence[];
  readonly holders: ReadonlyMap<string, HolderFacts>;
  /** The register's entry of every certificate signing a record of the window; null when it has none. */
  readonly certificates: ReadonlyMap<string, CertificateFacts | null>;
  /** Records a system sent malformed, left out of the index. */
  readonly skipped: number;
}

/** A malformed record is left out (null, counted); any other failure fails the build. */
function valuesOrThrow<T>(results: readonly (T | null | Error)[], skip: () => void): (T | null)[] {
  return results.map((r) => {
    if (!(r instanceof Error)) return r;
    if (r instanceof LegacyError && r.code === 'LEGACY_BAD_DATA') {
      skip();
      return null;
    }
    throw r;
  });
}

/**
 * Numbers asked of the permit system at a time. A city's window signs with tens of thousands of
 * certificates: asked at once, their batches queue for the adapter's connections longer than its queue
 * timeout and the build (and so the start) fails. A wave of 1,000 is 20 batches of 50, within the pool.
 */
const CERTIFICATES_AT_A_TIME = 1_000;

async function certificatesPaced(
  permit: SupervisionPorts['permit'],
  numbers: readonly string[],
): Promise<Awaited<ReturnType<SupervisionPorts['permit']['certificatesByNumber']>>> {
  const entries = [];
  for (let i = 0; i < numbers.length; i += CERTIFICATES_AT_A_TIME)
    entries.push(...(await permit.certificatesByNumber(numbers.slice(i, i + CERTIFICATES_AT_A_TIME))));
  return entries;
}

/** Reads one snapshot of the four systems for the window [from, to] of maintenance work. */
export async function readSources(
  ports: SupervisionPorts,
  platformElevators: PlatformElevators,
  window: { from: string; to: string },
  logger: Logger,
): Promise<SourceData> {
  let skipped = 0;
  const skip = () => void skipped++;
  const [platform, records, licences] = await Promise.all([
    platformElevators.take('supervision index'),
    // A million records at city scale: each page mapped as it arrives, so full records never pile up.
    readAllMapped((page) => ports.elevator.maintenanceRecords(window, page), signedWork(), skip, {
      what: 'supervision index: maintenance records',
      logger,
    }),
    readAll((page) => ports.permit.searchLicences({}, page), skip, { what: 'supervision index: licences', logger }),
  ]);
  const elevators = platform.items;
  skipped += platform.skipped;
  const slicer = new Slicer();

  const facts = new Map<string, ElevatorFacts>();
  await forEachSliced(
    elevators,
    (e) => facts.set(e.registrationCode, { catalogueCode: e.catalogueCode, district: e.district }),
    slicer,
  );
  // Work on an elevator the platform no longer lists is still judged: the registry knows what it is.
  const unlistedCodes = new Set<string>();
  await forEachSliced(
    records,
    (r) => {
      if (!facts.has(r.registrationCode)) unlistedCodes.add(r.registrationCode);
    },
    slicer,
  );
  const unlisted = [...unlistedCodes];
  if (unlisted.length > 0) {
    const rows = valuesOrThrow(await ports.inspection.equipmentByCode(unlisted), skip);
    unlisted.forEach((code, i) => {
      const row = rows[i];
      if (row) facts.set(code, { catalogueCode: row.catalogueCode, district: row.districtCode });
    });
  }

  const holderUsccs = [...new Set(licences.map((l) => l.holderUscc))].sort();
  const signing = new Set<string>();
  await forEachSliced(records, (r) => r.certificateNumbers.forEach((n) => signing.add(n)), slicer);
  const numbers = [...signing].sort();
  const [enterprises, profiles, certificateEntries] = await Promise.all([
    ports.credit.enterprisesByUscc(holderUsccs),
    ports.credit.creditProfiles(holderUsccs),
    certificatesPaced(ports.permit, numbers),
  ]);
  const certificates = new Map<string, CertificateFacts | null>();
  numbers.forEach((n, i) => {
    const c = certificateEntries[i];
    // A malformed entry is left out (counted), not read as "not registered"; any other failure fails the build.
    if (c instanceof Error) return void valuesOrThrow([c], skip);
    certificates.set(
      n,
      c
        ? {
            item: c.item,
            employerUscc: c.employerUscc,
            issuedOn: c.issuedOn,
            expiresOn: c.expiresOn,
            suspension: c.suspension,
          }
        : null,
    );
  });
  const registered = valuesOrThrow(enterprises, skip);
  const credit = valuesOrThrow(profiles, skip);
  const holders = new Map<string, HolderFacts>();
  holderUsccs.forEach((uscc, i) => {
    const profile = credit[i];
    if (profile) holders.set(uscc, { enterprise: registered[i] ?? null, profile });
  });
  return { elevators, facts, records, licences, holders, certificates, skipped };
}
