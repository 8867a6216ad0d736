/**
 * Ingests a drop directory in a process of its own, printing its progress (optionally slowed after
 * each chunk), so a test or a benchmark can kill it (SIGKILL) anywhere:
 * `tsx test/support/credit/ingest-process.ts '<json of IngestProcessArgs>'`. Prints `ready` once the store
 * is open, `chunk <file> <rows>` inside each file's transaction, `done <report>` after the pass, and, when
 * asked, `digest <json>` of the store's state read back from its tables.
 */
import { createCreditAdapter } from '../../../adapters/credit/index.ts';
import { openPglite, openPostgres } from '../../../adapters/credit/store.ts';
import { quietLogger } from './drop-folder.ts';
import { storeDigest } from './state-digest.ts';

export interface IngestProcessArgs {
  readonly dropDir: string;
  readonly storeDir?: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
  readonly chunkRows: number;
  readonly chunkDelayMs: number;
  readonly digest?: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as IngestProcessArgs;
const schema = args.schema ?? 'credit';
const adapter = await createCreditAdapter({
  dropDir: args.dropDir,
  storeDir: args.storeDir,
  databaseUrl: args.databaseUrl,
  schema,
  chunkRows: args.chunkRows,
  timeoutMs: 60_000,
  ingestTimeoutMs: 600_000,
  logger: quietLogger(),
  afterChunk: async (file, written) => {
    process.stdout.write(`chunk ${file} ${written}\n`);
    if (args.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, args.chunkDelayMs));
  },
});
process.stdout.write('ready\n');
const report = await adapter.ingest();
await adapter.close();
process.stdout.write(`done ${JSON.stringify({ applied: report.applied.length, waiting: report.waiting.length })}\n`);
if (args.digest) {
  const store =
    args.databaseUrl === undefined
      ? await openPglite(args.storeDir, schema)
      : await openPostgres(args.databaseUrl, schema);
  process.stdout.write(`digest ${JSON.stringify(await storeDigest(store))}\n`);
  await store.close();
}
