/** Factory of the credit adapter: options checked once, naming the bad option. */
import { type CallObserver, LegacyCalls } from '../core/calls.ts';
import type { SystemGuard } from '../core/guard.ts';
import { withLastGoodAnswers } from '../core/last-good.ts';
import type { Logger } from '../../runtime/logger.ts';
import { CreditAdapter } from './adapter.ts';
import type { ApplyOptions } from './apply.ts';
import { migrate } from './ddl.ts';
import { Ingestor } from './ingestor.ts';
import { checkSchemaName, openPglite, openPostgres } from './store.ts';

export type * from './types.ts';
export { CreditAdapter } from './adapter.ts';

/** Between passes over the drop directory, when not configured. */
export const DEFAULT_POLL_MS = 5000;

export interface CreditAdapterOptions {
  /** The exchange directory the credit platform drops its batch files into. */
  readonly dropDir: string;
  /** PGlite data directory; the store lives in memory when neither this nor databaseUrl is given. */
  readonly storeDir?: string;
  /** A PostgreSQL URL: the same store on a real server instead of PGlite. */
  readonly databaseUrl?: string;
  /** Schema holding the store's tables; default 'credit'. */
  readonly schema?: string;
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
  /** The system's breaker, retry budget and settings, shared in the process; default one of its own. */
  readonly guard?: SystemGuard;
}

/**
 * What the adapter reads (the store's queries, the drop directory and its files): safe to retry and
 * guarded by the breaker. Applying a file is a write: sent once, never retried.
 */
const CREDIT_READS = [
  'enterprisesByUscc',
  'creditProfiles',
  'searchEnterprises',
  'enterprisesMissingAnnualReport',
  'enterprisesOnList',
  'riskClassCountsByDistrict',
  'freshness',
  'quarantine',
  'listDropDir',
  'readLedger',
  'readDropFile',
];

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`createCreditAdapter: ${name} must be a positive integer, got ${value}`);
  return value;
}

export async function createCreditAdapter(options: CreditAdapterOptions): Promise<CreditAdapter> {
  if (!options.dropDir) throw new Error('createCreditAdapter: dropDir is required');
  if (options.storeDir !== undefined && options.databaseUrl !== undefined)
    throw new Error('createCreditAdapter: give storeDir or databaseUrl, not both');
  const schema = checkSchemaName(options.schema ?? 'credit');
  const pollMs = positive('pollMs', options.pollMs ?? DEFAULT_POLL_MS);
  const chunkRows = positive('chunkRows', options.chunkRows ?? 5000);
  const observers = options.observers ?? [];
  const queries = new LegacyCalls({
    system: 'credit',
    timeoutMs: positive('timeoutMs', options.timeoutMs),
    observers,
    reads: CREDIT_READS,
    guard: options.guard,
  });
  const writes = new LegacyCalls({
    system: 'credit',
    timeoutMs: positive('ingestTimeoutMs', options.ingestTimeoutMs ?? 120_000),
    observers,
  });
  const logger = options.logger.child({ adapter: 'credit' });

  const store = await writes.run('openStore', () =>
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
  // When the store fails, a request gets the last good answer it gave, marked stale (adapters/core/last-good.ts).
  return withLastGoodAnswers(
    new CreditAdapter({ store, queries, ingestor, pollMs, logger }),
    {
      batch: ['enterprisesByUscc', 'creditProfiles'],
      whole: [
        'searchEnterprises',
        'enterprisesMissingAnnualReport',
        'enterprisesOnList',
        'riskClassCountsByDistrict',
        'freshness',
      ],
    },
    queries.guard,
  );
}
