/**
 * npm run alarm -- <registration code|QR id> [--kind ENTRAPMENT|TRAPPED|FAULT|…]
 * npm run alarm -- --accept <alarm id> | --arrive <alarm id> | --release <alarm id> | --close <alarm id>
 * Raises an alarm on the running elevator platform stand-in (or records its next state: accepted, the
 * rescuer's arrival, the release, the closing), through the loopback control the running stack wrote to
 * its seeded data folder
 * (legacy/fault-admin.ts): the alarm reaches the graph the way the platform's own do, through the feed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { type FaultAdminAddress, faultAdminFile } from '../legacy/fault-admin.ts';
import { ALARM_STEPS, RAISED_KINDS } from '../legacy/elevator/raise.ts';

const USAGE = `usage: npm run alarm -- <registration code|QR id> [--kind ${RAISED_KINDS.join('|')}|TRAPPED] [--data <seeded folder>]
       npm run alarm -- ${ALARM_STEPS.map((step) => `--${step} <alarm id>`).join(' | ')}`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      accept: { type: 'string' },
      arrive: { type: 'string' },
      release: { type: 'string' },
      close: { type: 'string' },
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
  const steps = ALARM_STEPS.filter((step) => values[step] !== undefined);
  const action =
    steps.length === 1 && positionals.length === 0
      ? { action: steps[0], alarmId: values[steps[0]!] }
      : steps.length === 0 && positionals.length === 1
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
