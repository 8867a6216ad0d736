/**
 * npm run credit -- status | apply <file> | reject <file>: the credit store's ledger, for operators.
 * `status` lists every delivered file's verdict (applied, refused, held, superseded) with its reason;
 * `apply` applies a held file (the snapshot checks waived, the order kept: files after it are applied
 * again); `reject` refuses a held file. It works on the configured store directly: on PostgreSQL
 * (CREDIT_DATABASE_URL) beside the running credit subgraph, whose next pass sees the change; on the
 * embedded PGlite folder only while no other process holds it (PGlite serves one process): otherwise it
 * stops, naming the process, and the subgraph must be stopped first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FileVerdict, OperatorRefusal, createCreditAdapter } from '../adapters/credit/index.ts';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { createLogger } from '../runtime/logger.ts';
import { creditStore } from '../subgraphs/credit/build.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';

const USAGE = 'usage: npm run credit -- status | apply <file> | reject <file>';

function table(verdicts: readonly FileVerdict[]): string {
  const rows = verdicts.map((v) => [
    v.file,
    v.status,
    String(v.rows),
    String(v.quarantined),
    v.currentRows === null ? '' : String(v.currentRows),
    v.at.toISOString().slice(0, 19),
    v.reason ?? '',
  ]);
  const header = ['file', 'status', 'rows', 'quarantined', 'dataset rows', 'judged at (UTC)', 'reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const [command, file] = args;
  if (!(command === 'status' && file === undefined) && !((command === 'apply' || command === 'reject') && file)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const embedded = readEmbeddedConfig(process.env);
  const seeded = seedFolder(embedded.dataDir, embedded);
  const config = readCreditConfig(process.env, {
    dropDir: join(seeded, 'credit'),
    storeDir: join(seeded, 'credit-store'),
  });
  if (config.store.kind === 'embedded' && !existsSync(config.store.storeDir)) {
    process.stderr.write(`no credit store at ${config.store.storeDir} yet: start the stack (npm start) once\n`);
    return 1;
  }
  const adapter = await createCreditAdapter({
    dropDir: config.dropDir,
    ...creditStore(config),
    timeoutMs: config.timeoutMs,
    maxShrink: config.maxShrink,
    logger: createLogger(
      { level: embedded.logLevel === 'info' ? 'warn' : embedded.logLevel, name: 'credit-command' },
      process.stderr,
    ),
  });
  try {
    if (command === 'apply') {
      const judgement = await adapter.applyHeld(file!);
      if (judgement.kind !== 'VERDICT') throw new OperatorRefusal(`${file} is no longer held`);
      process.stdout.write(`${file}: ${judgement.status}${judgement.reason ? ` (${judgement.reason})` : ''}\n`);
      return judgement.status === 'APPLIED' ? 0 : 1;
    }
    if (command === 'reject') {
      await adapter.rejectHeld(file!);
      process.stdout.write(`${file}: REJECTED\n`);
      return 0;
    }
    const verdicts = await adapter.verdicts();
    const held = verdicts.filter((v) => v.status === 'HELD');
    process.stdout.write(`${table(verdicts)}\n\n${verdicts.length} files, ${held.length} held`);
    process.stdout.write(
      held.length > 0 ? ': npm run credit -- apply <file> applies one, reject <file> refuses it\n' : '\n',
    );
    return 0;
  } finally {
    await adapter.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`credit: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
