/**
 * npm run faults -- <permit|inspection|elevator|credit> <down|slow|errors|hang|heal> [--ms N] [--rate R]
 * npm run faults -- status
 * Switches a fault of a running stand-in through its loopback fault control (legacy/fault-admin.ts),
 * found through the seeded data folder that DATA_DIR, SEED_SCALE, SEED and SEED_AS_OF name (or
 * `--data <seeded folder>`): the running stack wrote the control's address and token there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { type FaultAdminAddress, faultAdminFile } from '../legacy/fault-admin.ts';
import { FAULT_MODES, FAULT_SYSTEMS, type FaultMode, type FaultSystem } from '../legacy/faults.ts';

const USAGE = `usage: npm run faults -- <${FAULT_SYSTEMS.join('|')}> <${FAULT_MODES.join('|')}> [--ms N] [--rate R] [--data <seeded folder>]
       npm run faults -- status [--data <seeded folder>]`;

function address(folder: string, system: FaultSystem): FaultAdminAddress {
  const file = faultAdminFile(folder, system);
  if (!existsSync(file))
    throw new Error(`no fault control of ${system} is running over ${folder} (start the stack with npm start)`);
  return JSON.parse(readFileSync(file, 'utf8')) as FaultAdminAddress;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { ms: { type: 'string' }, rate: { type: 'string' }, data: { type: 'string' } },
  });
  const [system, mode] = positionals;
  const folder = values.data ?? seedFolder(readEmbeddedConfig(process.env).dataDir, readEmbeddedConfig(process.env));
  if (system === 'status') {
    const running = FAULT_SYSTEMS.find((s) => existsSync(faultAdminFile(folder, s)));
    if (!running) throw new Error(`no fault control is running over ${folder}`);
    const admin = address(folder, running);
    const res = await fetch(`${admin.url}/faults`, { headers: { authorization: `Bearer ${admin.token}` } });
    process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
    return;
  }
  if (!FAULT_SYSTEMS.includes(system as FaultSystem) || !FAULT_MODES.includes(mode as FaultMode))
    throw new Error(USAGE);
  const admin = address(folder, system as FaultSystem);
  const res = await fetch(`${admin.url}/faults/${system}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mode,
      ms: values.ms === undefined ? undefined : Number(values.ms),
      rate: values.rate === undefined ? undefined : Number(values.rate),
    }),
  });
  const answer = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`fault control refused: ${JSON.stringify(answer)}`);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`equipment-graph faults: ${(error as Error).message}\n`);
  process.exit(1);
});
