/**
 * The old residential elevator programme (老旧住宅电梯): safety assessments of residential elevators in
 * service over 15 years, their conclusion and the owners' decided measure; and lifts added to existing
 * multi-storey residential buildings (加装电梯). README "Old residential elevators".
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import { RULES } from './rules.ts';
import type { AssessmentConclusion } from './world.ts';

/** Share of old residential elevators assessed so far; conclusions; share of measures decided. */
const ASSESSED = 0.4;
const CONCLUSIONS: readonly AssessmentConclusion[] = ['CONTINUE_USE', 'CONTINUE_USE', 'MAJOR_REPAIR', 'RENEWAL'];
const DECIDED = 0.5;
/** Share of residential elevators installed in the last five years that were added to an existing building. */
const ADDED = 0.15;

/**
 * Near-misses at the 15-year boundary, both assessed with a measure decided: the residential elevator
 * installed first on or after the cutoff is moved to the cutoff day itself (not yet old: outside the
 * programme's figures), the last one installed before it to the day before when its registration allows
 * (old: counted).
 */
function plantBoundary(ctx: SeedContext, registry: Registry, cutoffDay: number): void {
  const residential = registry.elevators.filter((e) => {
    const row = registry.byCode.get(e.registrationCode)!;
    return row.usage === 'RESIDENTIAL' && row.status === 'IN_USE';
  });
  const cutoff = isoDate(cutoffDay);
  const young = residential
    .filter((e) => e.installedOn >= cutoff)
    .sort((a, b) => a.installedOn.localeCompare(b.installedOn))[0];
  const old = residential
    .filter((e) => e.installedOn < cutoff)
    .sort((a, b) => b.installedOn.localeCompare(a.installedOn))[0];
  const assessment = { assessedOn: ctx.asOf, conclusion: 'RENEWAL', decision: 'RENEWAL' } as const;
  if (young) {
    young.installedOn = cutoff;
    young.safetyAssessment = { ...assessment };
    delete young.addedToExistingBuilding;
    ctx.planted.oldElevatorBoundary.push(young.registrationCode);
  }
  if (old) {
    const dayBefore = isoDate(cutoffDay - 1);
    if (registry.byCode.get(old.registrationCode)!.registeredOn >= dayBefore) old.installedOn = dayBefore;
    old.safetyAssessment = { ...assessment };
    ctx.planted.oldElevatorBoundary.push(old.registrationCode);
  }
}

export function createOldElevatorProgramme(ctx: SeedContext, registry: Registry): void {
  const random = ctx.random('old-elevators');
  const cutoffDay = toDay(addYears(ctx.asOf, -RULES.oldElevatorYears));
  const recentDay = ctx.asOfDay - 5 * 365;
  for (const elevator of registry.elevators) {
    const row = registry.byCode.get(elevator.registrationCode)!;
    if (row.usage !== 'RESIDENTIAL') continue;
    const installedDay = toDay(elevator.installedOn);
    if (installedDay < cutoffDay) {
      if (!random.chance(ASSESSED)) continue;
      const conclusion = random.pick(CONCLUSIONS);
      elevator.safetyAssessment = {
        assessedOn: isoDate(ctx.asOfDay - random.int(0, 3 * 365)),
        conclusion,
        decision: conclusion !== 'CONTINUE_USE' && random.chance(DECIDED) ? conclusion : null,
      };
    } else if (installedDay >= recentDay && random.chance(ADDED)) elevator.addedToExistingBuilding = true;
  }
  plantBoundary(ctx, registry, cutoffDay);
}
