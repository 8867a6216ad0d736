/**
 * createInspectionAdapter: the inspection port over the exchange database, embedded (PGlite, from a
 * data directory or an instance handed in) or on a PostgreSQL server (a URL). Options are checked
 * at once and errors name the option.
 */
import { type CallObserver, LegacyCalls } from '../core/index.ts';
import type { SystemGuard } from '../core/guard.ts';
import { withLastGoodAnswers } from '../core/last-good.ts';
import { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import { SqlInspectionAdapter } from './adapter.ts';
import type { InspectionPort } from './port.ts';
import { type PgliteLike, checkSchema, pgPoolClient, pgliteClient } from './sql-client.ts';

export type { InspectionPort } from './port.ts';
export type * from './types.ts';

export interface InspectionAdapterOptions {
  /** A PostgreSQL server holding the exchange database (e.g. from INSPECTION_DATABASE_URL). */
  readonly databaseUrl?: string;
  /** An embedded PGlite data directory prepared by legacy/inspection. */
  readonly dataDir?: string;
  /** An already-open PGlite instance (tests, the embedded stand-in with its fault control). */
  readonly pglite?: PgliteLike;
  /** The schema holding the tables; default jy_qzk. */
  readonly schema?: string;
  /** Abandon a statement after this long (LEGACY_TIMEOUT); on a server the statement is cancelled too. */
  readonly timeoutMs: number;
  readonly observers?: readonly CallObserver[];
  readonly logger: Logger;
  /** The system's breaker, retry budget and settings, shared in the process; default one of its own. */
  readonly guard?: SystemGuard;
}

/** Every statement the adapter runs: all reads of the exchange database, safe to retry. */
const INSPECTION_READS = [
  'equipmentByCode',
  'inspectionsByEquipment',
  'hazardsByEquipment',
  'equipmentByUser',
  'hazardsByUser',
  'districtStatistics',
  'searchEquipment',
  'searchHazards',
];

const DEFAULT_INSPECTION_SCHEMA = 'jy_qzk';

/** PostgreSQL's own "statement cancelled by statement_timeout" (SQLSTATE 57014) is our timeout. */
function classify(error: unknown): LegacyError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '57014'
    ? new LegacyError('LEGACY_TIMEOUT', 'inspection', 'inspection database cancelled a statement that ran too long')
    : undefined;
}

export async function createInspectionAdapter(options: InspectionAdapterOptions): Promise<InspectionPort> {
  const sources = [options.databaseUrl, options.dataDir, options.pglite].filter((s) => s !== undefined);
  if (sources.length !== 1)
    throw new Error('createInspectionAdapter: give exactly one of databaseUrl, dataDir or pglite');
  const schema = checkSchema(options.schema ?? DEFAULT_INSPECTION_SCHEMA);
  const calls = new LegacyCalls({
    system: 'inspection',
    timeoutMs: options.timeoutMs,
    observers: options.observers,
    classify,
    reads: INSPECTION_READS,
    guard: options.guard,
  });
  const client =
    options.databaseUrl !== undefined
      ? pgPoolClient(options.databaseUrl, schema, options.timeoutMs, calls.guard.settings.queueTimeoutMs)
      : await pgliteClient(
          options.dataDir !== undefined ? { dataDir: options.dataDir } : { pglite: options.pglite! },
          schema,
        );
  // When the database fails, a request gets the last good answer it gave, marked stale (adapters/core/last-good.ts).
  return withLastGoodAnswers<InspectionPort>(
    new SqlInspectionAdapter(client, calls, options.logger.child({ adapter: 'inspection' })),
    {
      batch: ['equipmentByCode', 'inspectionsByEquipment', 'hazardsByEquipment', 'equipmentByUser', 'hazardsByUser'],
      whole: ['districtStatistics', 'searchEquipment', 'searchHazards'],
    },
    calls.guard,
  );
}
