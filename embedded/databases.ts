/**
 * The embedded databases (PGlite) held by the legacy thread and used by the subgraph thread's adapters,
 * over a MessageChannel of the two threads' own. PGlite runs each statement synchronously on the
 * thread that holds it; held there, a statement over a city's rows (a statistics count, a snapshot's
 * bulk upsert) never stalls a subgraph. Two databases cross: the inspection exchange database (the
 * statements the inspection adapter sends a PGlite instance) and the credit store (queries and
 * transactions, as adapters/credit's SqlStore).
 */
import type { SqlRunner, SqlStore } from '../adapters/credit/store.ts';
import { type Endpoint, ThreadRpc } from '../runtime/thread-rpc.ts';
import type { InspectionDatabase } from './legacy-systems.ts';

interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** Offered by the legacy thread. */
interface DatabasesApi {
  [method: string]: (arg: never) => unknown;
  inspectionQuery(arg: Statement): Promise<{ rows: unknown[] }>;
  inspectionExec(sql: string): Promise<null>;
  creditQuery(arg: Statement): Promise<unknown[]>;
  /** Opens a transaction; its statements go by its id until it ends. */
  creditBegin(arg: null): Promise<number>;
  creditTxQuery(arg: Statement & { readonly id: number }): Promise<unknown[]>;
  creditEnd(arg: { readonly id: number; readonly commit: boolean }): Promise<null>;
}

/** Thrown inside a transaction the client asked to roll back; not an error of its own. */
const ROLLBACK = Symbol('rollback');

/** The legacy thread's side: serves the databases it holds (undefined: configured as a server, not here). */
export function serveDatabases(
  port: Endpoint,
  held: { readonly inspection: InspectionDatabase | undefined; readonly credit: SqlStore | undefined },
): ThreadRpc<DatabasesApi, Record<string, never>> {
  const need = <T>(db: T | undefined, name: string): T => {
    if (db === undefined) throw new Error(`the ${name} database is not embedded in this process`);
    return db;
  };
  const open = new Map<number, { tx: SqlRunner; end(commit: boolean): Promise<void> }>();
  let nextId = 0;
  return new ThreadRpc<DatabasesApi, Record<string, never>>(port, {
    inspectionQuery: ({ sql, params }) => need(held.inspection, 'inspection').query(sql, params && [...params]),
    inspectionExec: async (sql) => (await need(held.inspection, 'inspection').exec(sql), null),
    creditQuery: ({ sql, params }) => need(held.credit, 'credit').query(sql, params),
    creditBegin: () =>
      new Promise<number>((opened, failed) => {
        const id = nextId++;
        let decide: (commit: boolean) => void = () => {};
        const decided = new Promise<boolean>((resolve) => (decide = resolve));
        const done = need(held.credit, 'credit').transaction(async (tx) => {
          open.set(id, {
            tx,
            async end(commit) {
              decide(commit);
              try {
                await done;
              } catch (error) {
                if (error !== ROLLBACK) throw error;
              } finally {
                open.delete(id);
              }
            },
          });
          opened(id);
          if (!(await decided)) throw ROLLBACK;
        });
        // A transaction that could not begin never gave its id.
        done.catch(failed);
      }),
    creditTxQuery: ({ id, sql, params }) => transaction(id).tx.query(sql, params),
    creditEnd: async ({ id, commit }) => (await transaction(id).end(commit), null),
  });

  function transaction(id: number) {
    const tx = open.get(id);
    if (!tx) throw new Error(`credit store: no open transaction ${id}`);
    return tx;
  }
}

/** The subgraph thread's side: the databases as its adapters expect them. */
export function databaseClients(port: Endpoint): {
  readonly inspection: InspectionDatabase;
  readonly credit: SqlStore;
  close(): void;
} {
  const rpc = new ThreadRpc<Record<string, never>, DatabasesApi>(port, {});
  return {
    inspection: {
      query: async <T>(sql: string, params?: unknown[]) =>
        (await rpc.call('inspectionQuery', { sql, params })) as { rows: T[] },
      exec: (sql: string) => rpc.call('inspectionExec', sql),
    },
    credit: {
      query: async <R>(sql: string, params?: readonly unknown[]) =>
        (await rpc.call('creditQuery', { sql, params })) as R[],
      async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
        const id = await rpc.call('creditBegin', null);
        let result: T;
        try {
          result = await work({
            query: async <R>(sql: string, params?: readonly unknown[]) =>
              (await rpc.call('creditTxQuery', { id, sql, params })) as R[],
          });
        } catch (error) {
          await rpc.call('creditEnd', { id, commit: false });
          throw error;
        }
        await rpc.call('creditEnd', { id, commit: true });
        return result;
      },
      // The legacy thread owns the store and closes it.
      close: async () => {},
    },
    close: () => rpc.close('the databases are closed'),
  };
}
