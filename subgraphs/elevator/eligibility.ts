/**
 * The two facts of on-demand maintenance (按需维保) eligibility that the platform does not hold: the
 * maintenance company's credit risk class (credit system) and the elevator's latest inspection
 * (inspection system). They are read through those systems' adapter ports, never their stores, in
 * large batches: the index asks once per refresh for every candidate, a request through DataLoaders.
 * Only elevators the platform shows as enrolled, monitored and insured are ever asked about.
 */
import type { CreditPort } from '../../adapters/credit/port.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';

export interface LatestInspection {
  /** Next due date set by the latest inspection; null when it set none. */
  readonly nextDueOn: string | null;
  readonly conclusion: 'PASS' | 'CONDITIONAL' | 'FAIL';
}

export interface EligibilityFacts {
  /**
   * Current credit risk class of each company (null when unclassified), aligned with the keys; an Error for a key that
   * failed.
   */
  riskClasses(usccs: readonly string[]): Promise<(string | null | Error)[]>;
  /** The latest inspection of each elevator (null when never inspected), aligned with the keys. */
  latestInspections(codes: readonly string[]): Promise<(LatestInspection | null | Error)[]>;
}

/** Keys per call: the ports take any number, but one statement per thousand keeps each call bounded. */
export const FACTS_CHUNK = 1000;

async function chunked<T>(keys: readonly string[], fetch: (chunk: readonly string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += FACTS_CHUNK) out.push(...(await fetch(keys.slice(i, i + FACTS_CHUNK))));
  return out;
}

export function eligibilityFromPorts(credit: CreditPort, inspection: InspectionPort): EligibilityFacts {
  return {
    riskClasses: (usccs) =>
      chunked(usccs, async (chunk) =>
        (await credit.creditProfiles(chunk)).map((p) => (p instanceof Error ? p : p.riskClass)),
      ),
    latestInspections: (codes) =>
      chunked(codes, async (chunk) =>
        (await inspection.inspectionsByEquipment(chunk, 1)).map((list) => {
          if (list instanceof Error) return list;
          const latest = list[0];
          return latest ? { nextDueOn: latest.nextDueOn, conclusion: latest.conclusion } : null;
        }),
      ),
  };
}
