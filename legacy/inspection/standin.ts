/**
 * The embedded exchange database as a running stand-in: a PGlite data directory prepared by
 * prepareInspection, opened once, handed to the adapter as its connection, with a fault control
 * (added latency, a share of failing statements, an outage) that tests and demos set at runtime.
 * A real PostgreSQL server needs no stand-in: the adapter connects to it by URL.
 */
import { PGlite } from '@electric-sql/pglite';
import { DEFAULT_SCHEMA } from './database.ts';
import { type CommonFaults, type FaultControl, HeldRequests, NO_FAULTS, faultsFor } from '../faults.ts';

/**
 * latencyMs: added before every statement; errorRate: share of statements (0-1) that fail as a broken
 * connection would; outage: every statement fails, the database is unreachable; hang: statements never
 * return (a database locked up), until healed.
 */
type InspectionFaults = CommonFaults;

/** A failure as node-postgres reports one: the server's message and its SQLSTATE. */
function sqlError(sqlstate: string, message: string): Error {
  return Object.assign(new Error(message), { code: sqlstate, severity: 'FATAL' });
}

/** The connection surface a client gets: PGlite's own query and exec, behind the faults. */
interface InspectionConnection {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface InspectionStandIn {
  readonly connection: InspectionConnection;
  readonly schema: string;
  setFaults(faults: Partial<InspectionFaults>): void;
  /** The modes of legacy/faults.ts (down, slow, errors, hang, heal), for the admin route. */
  readonly faultControl: FaultControl;
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
  const held = new HeldRequests();
  const gate = async () => {
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.outage) throw sqlError('08001', 'could not connect to server: Connection refused');
    if (faults.hang)
      await new Promise<never>((_, reject) =>
        held.hold(() => reject(sqlError('08006', 'server closed the connection unexpectedly'))),
      );
    if (faults.errorRate > 0 && random() < faults.errorRate)
      throw sqlError('57P01', 'terminating connection due to administrator command');
  };
  const set = (next: Partial<InspectionFaults>) => {
    const merged = { ...faults, ...next };
    if (!(merged.latencyMs >= 0) || !(merged.errorRate >= 0 && merged.errorRate <= 1)) {
      throw new Error(`inspection stand-in: latencyMs must be >= 0 and errorRate 0-1, got ${JSON.stringify(next)}`);
    }
    faults = merged;
    if (!faults.hang) held.releaseAll();
  };
  return {
    schema: options.schema ?? DEFAULT_SCHEMA,
    connection: {
      query: async <T>(sql: string, params?: unknown[]) => (await gate(), db.query<T>(sql, params)),
      exec: async (sql: string) => (await gate(), db.exec(sql)),
    },
    setFaults: set,
    faultControl: {
      apply: (request) => set(faultsFor(request)),
      state: () => ({ ...faults, hungStatements: held.size }),
    },
    stop: () => {
      held.releaseAll();
      return db.close();
    },
  };
}
