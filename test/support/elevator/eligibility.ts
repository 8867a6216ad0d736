/**
 * Eligibility facts for tests and measurements, without a credit or inspection system: fixed values,
 * or the seed world's served through the in-memory credit and inspection ports (so the port mapping
 * of eligibilityFromPorts is exercised too). Every call is recorded, so tests can assert how often the
 * index and the resolvers ask.
 */
import { MemoryCreditPort } from '../../../adapters/credit/memory.ts';
import { MemoryInspectionPort } from '../../../adapters/inspection/memory.ts';
import { applyCreditChanges } from '../../../legacy/seed/credit-state.ts';
import type { World } from '../../../legacy/seed/world.ts';
import {
  type EligibilityFacts,
  type LatestInspection,
  eligibilityFromPorts,
} from '../../../subgraphs/elevator/eligibility.ts';

export interface RecordedFacts extends EligibilityFacts {
  readonly calls: { readonly fact: 'riskClasses' | 'latestInspections'; readonly keys: number }[];
}

function recordedFacts(inner: EligibilityFacts): RecordedFacts {
  const calls: RecordedFacts['calls'] = [];
  return {
    calls,
    riskClasses(usccs) {
      calls.push({ fact: 'riskClasses', keys: usccs.length });
      return inner.riskClasses(usccs);
    },
    latestInspections(codes) {
      calls.push({ fact: 'latestInspections', keys: codes.length });
      return inner.latestInspections(codes);
    },
  };
}

export function fixedEligibility(
  riskClasses: Readonly<Record<string, string>> = {},
  inspections: Readonly<Record<string, LatestInspection>> = {},
): RecordedFacts {
  return recordedFacts({
    riskClasses: async (usccs) => usccs.map((u) => riskClasses[u] ?? null),
    latestInspections: async (codes) => codes.map((c) => inspections[c] ?? null),
  });
}

/**
 * The facts as the seed world's credit state (after increments) and inspections hold them, through the memory ports.
 */
export function worldEligibility(world: World): RecordedFacts {
  const credit = applyCreditChanges(world.credit.snapshot, world.credit.increments);
  const profiles = Object.entries(credit.riskClasses).map(([uscc, riskClass]) => ({
    uscc,
    riskClass,
    riskClassifiedOn: null,
    annualReports: [],
    penalties: [],
    abnormalListings: [],
    seriousViolations: [],
  }));
  const inspections = world.inspections.map((i) => ({
    id: i.id,
    equipmentCode: i.registrationCode,
    kind: i.kind,
    date: i.date,
    body: i.body,
    conclusion: i.conclusion,
    nextDueOn: i.nextDueOn,
  }));
  return recordedFacts(
    eligibilityFromPorts(
      new MemoryCreditPort({ enterprises: [], profiles }),
      new MemoryInspectionPort({ equipment: [], inspections, hazards: [] }),
    ),
  );
}
