/**
 * The embedded default's data folder: generated once from the seed, reused on every later start.
 * A folder is complete only when its marker file exists; one left half-written by an interrupted
 * start is removed and seeded again, so a crash never leaves a start-up serving partial data.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ScaleName, World } from '../legacy/seed/world.ts';
import type { Logger } from '../runtime/logger.ts';
import { startProgress } from '../runtime/progress.ts';

export interface SeedSpec {
  readonly scale: ScaleName;
  readonly seed: number;
  readonly asOf: string;
}

/** Writes one system's legacy store for a world into its own folder. */
export type Preparer = (world: World, dir: string) => Promise<void>;

export interface SeededFolder {
  readonly dir: string;
  /** True when this call generated the data; false when an earlier start had. */
  readonly generated: boolean;
  readonly spec: SeedSpec;
}

const MARKER = 'seeded.json';

/**
 * Version of what a seeded folder holds. Bump it whenever the generator's output or a stand-in's stored
 * format changes: a folder seeded by older code is then left alone and a new one is seeded, instead of
 * an old folder silently serving data the new code does not expect.
 * 14: the elevator platform's elevators and maintenance records kept as columns in `records.store`
 * (legacy/elevator/store.ts) instead of elevators.json and maintenance.ndjson.
 */
export const SEEDED_FORMAT = 14;

export function seedFolder(dataDir: string, spec: SeedSpec): string {
  return resolve(dataDir, `${spec.scale}-${spec.seed}-${spec.asOf}-v${SEEDED_FORMAT}`);
}

export async function ensureSeeded(
  dataDir: string,
  spec: SeedSpec,
  generate: (spec: SeedSpec) => World,
  preparers: Readonly<Record<string, Preparer>>,
  logger: Logger,
): Promise<SeededFolder> {
  const dir = seedFolder(dataDir, spec);
  if (existsSync(join(dir, MARKER))) {
    logger.info({ dir }, 'using seeded data');
    return { dir, generated: false, spec };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const steps = Object.entries(preparers);
  const progress = startProgress({ what: `seeding ${spec.scale}`, total: steps.length + 1, unit: 'steps', logger });
  const timings: Record<string, number> = {};
  try {
    progress.advance(0, 'generating the world');
    const world = generate(spec);
    timings.generateMs = Math.round(performance.now() - started);
    for (const [system, prepare] of steps) {
      progress.advance(1, `writing the ${system} store`);
      const t = performance.now();
      await prepare(world, join(dir, system));
      timings[`${system}Ms`] = Math.round(performance.now() - t);
    }
  } catch (error) {
    progress.failed();
    throw error;
  }
  progress.advance(1);
  progress.done();
  const marker = { ...spec, seededAt: new Date().toISOString(), timings };
  writeFileSync(join(dir, `${MARKER}.tmp`), JSON.stringify(marker, null, 2));
  renameSync(join(dir, `${MARKER}.tmp`), join(dir, MARKER));
  logger.info({ dir, ...timings }, 'seeded data');
  return { dir, generated: true, spec };
}
