/**
 * npm run seed -- [test|demo|city]   seeds the data folder for a scale (SEED, SEED_AS_OF, DATA_DIR
 * apply) and writes the ground-truth manifest beside it: read by tests and people, never by the graph.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { ensureSeeded } from '../embedded/seed-data.ts';
import { PREPARERS } from '../embedded/legacy-systems.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { buildManifest } from '../legacy/seed/manifest.ts';
import type { World } from '../legacy/seed/world.ts';
import { exitOnStartupError } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';

try {
  const scale = process.argv[2];
  const config = readEmbeddedConfig(scale ? { ...process.env, SEED_SCALE: scale } : process.env);
  const logger = createLogger({ level: 'info', name: 'seed' });
  // One generation serves both the stores (when missing) and the manifest; made inside ensureSeeded when
  // it seeds, so its progress lines count the generation too.
  let world: World | undefined;
  const generate = () => (world ??= generateWorld(config));
  const seeded = await ensureSeeded(config.dataDir, config, generate, PREPARERS, logger);
  const file = join(seeded.dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(buildManifest(generate()), null, 1));
  process.stdout.write(`${seeded.generated ? 'Seeded' : 'Already seeded'}: ${seeded.dir}\nManifest: ${file}\n`);
} catch (error) {
  exitOnStartupError(error);
}
