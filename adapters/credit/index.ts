/** Factory of the credit adapter: options checked once, naming the bad option. */
import { type CallObserver, LegacyCalls } from '../core/calls.ts';
import type { Logger } from '../../runtime/logger.ts';
import { CreditAdapter } from './adapter.ts';
import type { ApplyOptions } from './apply.ts';
import { migrate } from './ddl.ts';
import { Ingestor } from './ingestor.ts';
import { type SqlStore, checkSchemaName, openPglite, openPostgres } from './store.ts';

export type * from './types.ts';
export { CreditAdapter } from './adapter.ts';

/** Between passes over the drop directory, when not configured. */
export const DEFAULT_POLL_MS = 5000;
/** Schema holding the store's tables, when not configured. */
export const DEFAULT_SCHEMA = 'credit';

export interface CreditAdapterOptions {
  /** The exchange directory the credit platform drops its batch files into. */
  readonly dropDir: string;
  /** PGlite data directory; the store lives in memory when neither this nor databaseUrl is given. */
  readonly storeDir?: string;
  /** A PostgreSQL URL: the same store on a real server instead of PGlite. */
  readonly databaseUrl?: string;
  /** Schema holding the store's tables; default 'credit'. */
  readonly schema?: string;
  /**
   * A store opened elsewhere instead of storeDir or databaseUrl, e.g. the embedded start's PGlite on another thread
   * (its owner closes it; close() here only stops using it).
   */
  readonly store?: SqlStore;
  /** Interval between passes over the drop directory once started; default 5000 ms. */
  readonly pollMs?: number;
  /** Per store query and per file read. */
  readonly timeoutMs: number;
  /** Per file transaction (a city-scale snapshot takes seconds); default 120000 ms. */
  readonly ingestTimeoutMs?: number;
  /** Rows per insert statement; default 5000. */
  readonly chunkRows?: number;
  /** Called inside a file's transaction after each chunk; a throw aborts that file (fault injection in tests). */
  readonly afterChunk?: ApplyOptions['afterChunk'];
  readonly observers?: readonly CallObserver[];
  readonly logger: Logger;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`createCreditAdapter: ${name} must be a positive integer, got ${value}`);
  return value;
}

export async function createCreditAdapter(options: CreditAdapterOptions): Promise<CreditAdapter> {
  if (!options.dropDir) throw new Error('createCreditAdapter: dropDir is required');
  if ([options.storeDir, options.databaseUrl, options.store].filter((s) => s !== undefined).length > 1)
    throw new Error('createCreditAdapter: give at most one of storeDir, databaseUrl or store');
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const pollMs = positive('pollMs', options.pollMs ?? DEFAULT_POLL_MS);
  const chunkRows = positive('chunkRows', options.chunkRows ?? 5000);
  const observers = options.observers ?? [];
  const queries = new LegacyCalls({ system: 'credit', timeoutMs: positive('timeoutMs', options.timeoutMs), observers });
  const writes = new LegacyCalls({
    system: 'credit',
    timeoutMs: positive('ingestTimeoutMs', options.ingestTimeoutMs ?? 120_000),
    observers,
  });
  const logger = options.logger.child({ adapter: 'credit' });

  const given = options.store;
  const store = given
    ? { ...given, close: async () => {} }
    : await writes.run('openStore', () =>
        options.databaseUrl === undefined
          ? openPglite(options.storeDir, schema)
          : openPostgres(options.databaseUrl, schema),
      );
  await writes.run('migrateStore', () => migrate(store));
  const ingestor = new Ingestor({
    dropDir: options.dropDir,
    store,
    reads: queries,
    writes,
    logger,
    apply: { chunkRows, afterChunk: options.afterChunk },
  });
  return new CreditAdapter({ store, queries, ingestor, pollMs, logger });
}
