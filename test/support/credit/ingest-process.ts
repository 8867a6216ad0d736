/**
 * Ingests a drop directory in a process of its own, slowed after each chunk and printing its
 * progress, so a test can kill it (SIGKILL) half-way through a file:
 * `tsx test/support/credit/ingest-process.ts '<json of dropDir, storeDir|databaseUrl, schema?, chunkRows,
 * chunkDelayMs>'`.
 */
import { createCreditAdapter } from '../../../adapters/credit/index.ts';
import { quietLogger } from './drop-folder.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  dropDir: string;
  storeDir?: string;
  databaseUrl?: string;
  schema?: string;
  chunkRows: number;
  chunkDelayMs: number;
};
const adapter = await createCreditAdapter({
  dropDir: args.dropDir,
  storeDir: args.storeDir,
  databaseUrl: args.databaseUrl,
  schema: args.schema,
  chunkRows: args.chunkRows,
  timeoutMs: 60_000,
  logger: quietLogger(),
  afterChunk: async (file, written) => {
    process.stdout.write(`chunk ${file} ${written}\n`);
    await new Promise((r) => setTimeout(r, args.chunkDelayMs));
  },
});
process.stdout.write('ready\n');
await adapter.ingest();
await adapter.close();
process.stdout.write('done\n');
