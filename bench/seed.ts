/**
 * Seed benchmark: generation time, array sizes and heap per scale, plus the time to build the
 * ground-truth manifest. `npx tsx bench/seed.ts [test|demo|city]` (all three without an argument:
 * each in its own process, so one scale's garbage never weighs on the next).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateWorld } from '../legacy/seed/generate.ts';
import { buildManifest } from '../legacy/seed/manifest.ts';
import { SCALE_NAMES } from '../legacy/seed/scales.ts';
import type { ScaleName } from '../legacy/seed/world.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** Heap in use after a full collection when node runs with --expose-gc (the no-argument run does), else as is. */
const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

function measure(scale: ScaleName): void {
  const heapBefore = heapUsed();
  const started = performance.now();
  const world = generateWorld({ scale });
  const generatedMs = performance.now() - started;
  const heapAfter = heapUsed();
  const manifestStarted = performance.now();
  const manifest = buildManifest(world);
  const manifestMs = performance.now() - manifestStarted;

  const sizes = Object.entries(world)
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    .map(([key, list]) => `${key} ${list.length.toLocaleString('en')}`);
  console.log(
    `scale ${scale}: generated in ${(generatedMs / 1000).toFixed(2)} s; heap used by the world ${mb(heapAfter - heapBefore)}${gc ? ' after GC' : ''} (total ${mb(heapAfter)}, rss ${mb(process.memoryUsage().rss)})`,
  );
  console.log(`  ${sizes.join(' · ')}`);
  console.log(
    `  credit: snapshot ${world.credit.snapshot.enterprises.length.toLocaleString('en')} enterprises, ${world.credit.increments.length.toLocaleString('en')} increments`,
  );
  console.log(
    `  manifest in ${(manifestMs / 1000).toFixed(2)} s: overdue maintenance ${manifest.overdueMaintenance.length}, multi-company certificates ${manifest.lentCertificates.multiCompany.length}, ` +
      `over daily limit ${manifest.lentCertificates.overDailyLimit.length}, unlicensed records ${manifest.unlicensedMaintenance.length}, unlicensed installations ${manifest.unlicensedInstallations.length}, missing reports ${manifest.missingAnnualReports.usccs.length}, ` +
      `overdue rectifications ${manifest.overdueRectifications.length}, supervised major ${manifest.supervisedMajorHazards.length}, overdue inspections ${manifest.overdueInspections.length}, old residential ${manifest.oldResidentialElevators.length}`,
  );
}

const arg = process.argv[2];
if (arg) {
  if (!SCALE_NAMES.includes(arg as ScaleName))
    throw new Error(`scale must be one of ${SCALE_NAMES.join(', ')}, got '${arg}'`);
  measure(arg as ScaleName);
} else {
  for (const scale of SCALE_NAMES) {
    execFileSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), scale], {
      stdio: 'inherit',
    });
  }
}
