/** Factory of the credit adapter: options checked once, naming the bad option. */
import { type CallObserver, LegacyCalls } from '../core/calls.ts';
import { LegacyError } from '../../graph/errors.ts';
import type { SystemGuard } from '../core/guard.ts';
import { withLastGoodAnswers } from '../core/last-good.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Metrics } from '../../runtime/metrics.ts';
import { CreditAdapter } from './adapter.ts';
import type { WriteOptions } from './apply.ts';
import { migrate } from './ddl.ts';
import { heldFilesGauge } from './held-metrics.ts';
import { Ingestor } from './ingestor.ts';
import { StoreInUseError } from './store-lock.ts';
import { type SqlStore, checkSchemaName, openPglite, openPostgres } from './store.ts';

export type * from './types.ts';
export { CreditAdapter, type FileVerdict } from './adapter.ts';
export { OperatorRefusal } from './ingestor.ts';

/** Between passes over the drop directory, when not configured. */
export const DEFAULT_POLL_MS = 5000;
/** Schema holding the store's tables, when not configured. */
export const DEFAULT_SCHEMA = 'credit';

/** Largest share of a dataset a snapshot may remove and still apply without an operator, when not configured. */
export const DEFAULT_MAX_SHRINK = 0.2;

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
  readonly afterChunk?: WriteOptions['afterChunk'];
  /**
   * A snapshot that would remove more than this share of its dataset's rows (0..1) is held for an operator
   * instead of applied; one with no usable rows always is. Default 0.2.
   */
  readonly maxShrink?: number;
  /** Observers of the calls queries make (requests pay for them). */
  readonly observers?: readonly CallObserver[];
  /** Observers of ingestion's calls (the poller's passes, operators' actions); default `observers`. */
  readonly backgroundObservers?: readonly CallObserver[];
  /** Where the held-files gauge is registered; none when absent. */
  readonly metrics?: Metrics;
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
  if ([options.storeDir, options.databaseUrl, options.store].filter((s) => s !== undefined).length > 1)
    throw new Error('createCreditAdapter: give at most one of storeDir, databaseUrl or store');
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const pollMs = positive('pollMs', options.pollMs ?? DEFAULT_POLL_MS);
  const chunkRows = positive('chunkRows', options.chunkRows ?? 5000);
  const maxShrink = options.maxShrink ?? DEFAULT_MAX_SHRINK;
  if (!(maxShrink >= 0 && maxShrink <= 1))
    throw new Error(`createCreditAdapter: maxShrink must be a share from 0 to 1, got ${maxShrink}`);
  const observers = options.observers ?? [];
  const background = options.backgroundObservers ?? observers;
  const timeoutMs = positive('timeoutMs', options.timeoutMs);
  const queries = new LegacyCalls({
    system: 'credit',
    timeoutMs,
    observers,
    reads: CREDIT_READS,
    guard: options.guard,
  });
  // Ingestion's own reads (the drop folder, the ledger) are background work: no request's calls, no breaker.
  const reads = new LegacyCalls({ system: 'credit', timeoutMs, observers: background });
  const writes = new LegacyCalls({
    system: 'credit',
    timeoutMs: positive('ingestTimeoutMs', options.ingestTimeoutMs ?? 120_000),
    observers: background,
  });
  const logger = options.logger.child({ adapter: 'credit' });

  const given = options.store;
  const store = given
    ? { ...given, close: async () => {} }
    : await writes
        .run('openStore', () =>
          options.databaseUrl === undefined
            ? openPglite(options.storeDir, schema)
            : openPostgres(options.databaseUrl, schema),
        )
        .catch((error: unknown) => {
          // A store another process holds is the operator's matter, not the credit system failing: its own message.
          throw error instanceof LegacyError && error.originalError instanceof StoreInUseError
            ? error.originalError
            : error;
        });
  await writes.run('migrateStore', () => migrate(store));
  const ingestor = new Ingestor({
    dropDir: options.dropDir,
    store,
    reads,
    writes,
    logger,
    judge: { chunkRows, afterChunk: options.afterChunk, maxShrink },
  });
  const onHeldFiles = options.metrics && heldFilesGauge(options.metrics);
  // When the store fails, a request gets the last good answer it gave, marked stale (adapters/core/last-good.ts).
  return withLastGoodAnswers(
    new CreditAdapter({ store, queries, background: reads, ingestor, pollMs, logger, onHeldFiles }),
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
