/**
 * generateWorld: one deterministic, Shanghai-shaped world for all four stand-ins. Steps run in a fixed
 * order, each on its own random stream; steps that depend on the credit register (on-demand
 * eligibility) use the register's state at asOf.
 */
import { createAlarms } from './alarms.ts';
import { plantCertificateMisuse } from './certificate-misuse.ts';
import { applyCreditChanges } from './credit-state.ts';
import { assignRiskClasses, createCredit } from './credit.ts';
import { createContext, type Planted } from './context.ts';
import { toDay } from './dates.ts';
import { createCertificates } from './certificates.ts';
import { createRegistry } from './equipment.ts';
import { createHazards } from './hazards.ts';
import { createInspections } from './inspections.ts';
import { plantLending } from './lending.ts';
import { createMaintenance } from './maintenance.ts';
import { plantMaintenanceQuality } from './maintenance-quality.ts';
import { createOldElevatorProgramme } from './old-elevators.ts';
import { allEnterprises, createParticipants } from './participants.ts';
import { createPermits } from './permits.ts';
import { SEED_AS_OF_DEFAULT } from '../../runtime/env.ts';
import { SCALES } from './scales.ts';
import type { ScaleName, World, WorldLicence } from './world.ts';

export const DEFAULT_SEED = 20211;
// The demo city's day, shared with the processes that pin their clock to it (CLOCK_NOW=seed).
const DEFAULT_AS_OF = SEED_AS_OF_DEFAULT;

export interface GenerateOptions {
  scale: ScaleName;
  seed?: number;
  asOf?: string;
}

/** What each generated world had planted on purpose (kept beside, not inside, the world). */
const plantedByWorld = new WeakMap<World, Planted>();

export function plantedIn(world: World): Planted | undefined {
  return plantedByWorld.get(world);
}

export function generateWorld(options: GenerateOptions): World {
  const scale = SCALES[options.scale];
  if (!scale) throw new Error(`unknown seed scale '${options.scale}' (test, demo or city)`);
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(toDay(asOf)))
    throw new Error(`asOf must be a date YYYY-MM-DD, got '${asOf}'`);
  const ctx = createContext(options.scale, scale, seed, asOf, toDay(asOf));

  const participants = createParticipants(ctx);
  const core = allEnterprises(participants);
  const registry = createRegistry(ctx, participants);
  createOldElevatorProgramme(ctx, registry);
  const permits = createPermits(ctx, participants, registry);
  const { certificates, teams } = createCertificates(ctx, participants, registry);
  const finalClasses = assignRiskClasses(ctx, core);
  const credit = createCredit(ctx, {
    participants,
    core,
    licenceHolders: firstLicensed(permits.licences),
    finalClasses,
  });
  const finalState = applyCreditChanges(credit.snapshot, credit.increments);
  const { inspections, latest } = createInspections(ctx, registry);
  const hazards = createHazards(ctx, registry);
  const log = createMaintenance(ctx, {
    registry,
    teams,
    latestInspection: latest,
    riskClassOf: (uscc) => finalState.riskClasses[uscc],
  });
  plantLending(ctx, log, teams, registry);
  plantCertificateMisuse(ctx, log, teams, certificates, registry);
  plantMaintenanceQuality(ctx, log);

  const world: World = {
    scale: options.scale,
    seed,
    asOf,
    enterprises: finalState.enterprises,
    licences: permits.licences,
    spotChecks: permits.spotChecks,
    certificates,
    equipment: registry.equipment,
    elevators: registry.elevators,
    maintenance: log.records,
    alarms: createAlarms(ctx, registry),
    inspections,
    hazards,
    credit,
  };
  plantedByWorld.set(world, ctx.planted);
  return world;
}

/** Each licence holder and the day its first licence was issued. */
function firstLicensed(licences: readonly WorldLicence[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const l of licences) if (l.issuedOn < (first.get(l.holderUscc) ?? '9999')) first.set(l.holderUscc, l.issuedOn);
  return first;
}
