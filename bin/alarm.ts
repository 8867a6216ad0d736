/**
 * npm run alarm -- <registration code|QR id> [--kind ENTRAPMENT|TRAPPED|FAULT|…]
 * npm run alarm -- --arrive <alarm id> | --release <alarm id>
 * Raises an alarm on the running elevator platform stand-in (or records the rescuer's arrival, or the
 * release), through the loopback control the running stack wrote to its seeded data folder
 * (legacy/fault-admin.ts): the alarm reaches the graph the way the platform's own do, through the feed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { type FaultAdminAddress, faultAdminFile } from '../legacy/fault-admin.ts';
import { RAISED_KINDS } from '../legacy/elevator/raise.ts';

const USAGE = `usage: npm run alarm -- <registration code|QR id> [--kind ${RAISED_KINDS.join('|')}|TRAPPED] [--data <seeded folder>]
       npm run alarm -- --arrive <alarm id> | --release <alarm id>`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      arrive: { type: 'string' },
      release: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const config = readEmbeddedConfig(process.env);
  const folder = values.data ?? seedFolder(config.dataDir, config);
  const file = faultAdminFile(folder, 'elevator');
  if (!existsSync(file))
    throw new Error(
      `no elevator platform stand-in with its control is running over ${folder} (start it with npm start)`,
    );
  const admin = JSON.parse(readFileSync(file, 'utf8')) as FaultAdminAddress;
  // 困人 is what operators call it; the platform's kind is ENTRAPMENT.
  const kind = values.kind?.toUpperCase() === 'TRAPPED' ? 'ENTRAPMENT' : values.kind?.toUpperCase();
  const action = values.arrive
    ? { action: 'arrive', alarmId: values.arrive }
    : values.release
      ? { action: 'release', alarmId: values.release }
      : positionals.length === 1
        ? { action: 'raise', elevator: positionals[0], kind }
        : undefined;
  if (!action) throw new Error(USAGE);
  const res = await fetch(`${admin.url}/alarms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(action),
  });
  const answer = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`the platform refused: ${JSON.stringify(answer)}`);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`equipment-graph alarm: ${(error as Error).message}\n`);
  process.exit(1);
});
