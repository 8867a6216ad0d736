/**
 * The embedded exchange database as a running stand-in: a PGlite data directory prepared by
 * prepareInspection, opened once, handed to the adapter as its connection, with a fault control
 * (added latency, a share of failing statements, an outage) that tests and demos set at runtime.
 * A real PostgreSQL server needs no stand-in: the adapter connects to it by URL.
 */
import { PGlite } from '@electric-sql/pglite';
import { DEFAULT_SCHEMA } from './database.ts';

interface InspectionFaults {
  /** Added before every statement. */
  readonly latencyMs: number;
  /** Share of statements (0-1) that fail as a broken connection would. */
  readonly errorRate: number;
  /** Every statement fails: the database is unreachable. */
  readonly outage: boolean;
}

const NO_FAULTS: InspectionFaults = { latencyMs: 0, errorRate: 0, outage: false };

/** The connection surface a client gets: PGlite's own query and exec, behind the faults. */
interface InspectionConnection {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface InspectionStandIn {
  readonly connection: InspectionConnection;
  readonly schema: string;
  setFaults(faults: Partial<InspectionFaults>): void;
  stop(): Promise<void>;
}

export async function startInspectionStandIn(options: {
  dataDir: string;
  schema?: string;
  random?: () => number;
}): Promise<InspectionStandIn> {
  const db = new PGlite(options.dataDir);
  await db.waitReady;
  const random = options.random ?? Math.random;
  let faults = NO_FAULTS;
  const gate = async () => {
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.outage) throw new Error('inspection exchange database: connection refused (outage)');
    if (faults.errorRate > 0 && random() < faults.errorRate)
      throw new Error('inspection exchange database: connection reset');
  };
  return {
    schema: options.schema ?? DEFAULT_SCHEMA,
    connection: {
      query: async <T>(sql: string, params?: unknown[]) => (await gate(), db.query<T>(sql, params)),
      exec: async (sql: string) => (await gate(), db.exec(sql)),
    },
    setFaults(next) {
      const merged = { ...faults, ...next };
      if (!(merged.latencyMs >= 0) || !(merged.errorRate >= 0 && merged.errorRate <= 1)) {
        throw new Error(`inspection stand-in: latencyMs must be >= 0 and errorRate 0-1, got ${JSON.stringify(next)}`);
      }
      faults = merged;
    },
    stop: () => db.close(),
  };
}
