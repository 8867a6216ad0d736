import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../adapters/core/calls.ts';
import { MemoryCreditPort } from '../../adapters/credit/memory.ts';
import { MemoryInspectionPort } from '../../adapters/inspection/memory.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import { FACTS_CHUNK, eligibilityFromPorts } from './eligibility.ts';

const profile = (uscc: string, riskClass: 'A' | 'C') => ({
  uscc,
  riskClass,
  riskClassifiedOn: '2026-01-01',
  annualReports: [],
  penalties: [],
  abnormalListings: [],
  seriousViolations: [],
});
const inspection = (code: string, date: string, conclusion: 'PASS' | 'FAIL', nextDueOn: string | null) => ({
  id: `${code}-${date}`,
  equipmentCode: code,
  kind: 'PERIODIC' as const,
  date,
  body: null,
  conclusion,
  nextDueOn,
});

describe('eligibility facts read through the credit and inspection ports', () => {
  it("maps each key to its risk class and latest inspection, in the keys' order", async () => {
    const recorder = new CallRecorder();
    const credit = new MemoryCreditPort({ enterprises: [], profiles: [profile('M1', 'A'), profile('M2', 'C')] }, [
      recorder.observer,
    ]);
    const inspections = new MemoryInspectionPort({
      equipment: [],
      hazards: [],
      inspections: [
        inspection('E1', '2025-05-01', 'PASS', '2026-05-01'),
        inspection('E1', '2026-05-01', 'FAIL', '2027-05-01'),
        inspection('E2', '2026-02-01', 'PASS', null),
      ],
    });
    const facts = eligibilityFromPorts(credit, inspections);
    expect(await facts.riskClasses(['M2', 'M9', 'M1'])).toEqual(['C', null, 'A']);
    expect(await facts.latestInspections(['E2', 'E1', 'E3'])).toEqual([
      { nextDueOn: null, conclusion: 'PASS' },
      { nextDueOn: '2027-05-01', conclusion: 'FAIL' },
      null,
    ]);
    expect(recorder.count('credit', 'creditProfiles')).toBe(1);
  });

  it("asks in chunks of a thousand keys and passes a key's error through", async () => {
    const asked: number[] = [];
    const inspections = {
      async inspectionsByEquipment(codes: readonly string[], last: number) {
        expect(last).toBe(1);
        asked.push(codes.length);
        return codes.map((c) => (c === 'E7' ? new Error('bad record') : []));
      },
    } as unknown as InspectionPort;
    const facts = eligibilityFromPorts(new MemoryCreditPort({ enterprises: [], profiles: [] }), inspections);
    const codes = Array.from({ length: 2 * FACTS_CHUNK + 500 }, (_, i) => `E${i}`);
    const latest = await facts.latestInspections(codes);
    expect(asked).toEqual([FACTS_CHUNK, FACTS_CHUNK, 500]);
    expect(latest).toHaveLength(codes.length);
    expect(latest[7]).toBeInstanceOf(Error);
    expect(latest[8]).toBeNull();
  });
});
