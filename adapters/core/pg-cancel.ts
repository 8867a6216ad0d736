/**
 * A query on a PostgreSQL pool that stops when its signal fires: the server is asked to cancel the
 * statement (pg_cancel_backend on a connection of its own, since the pool may be full of exactly the
 * statements that hang), so an abandoned call frees its connection instead of running to its
 * statement_timeout. The statement then fails with SQLSTATE 57014, which the caller has already
 * stopped waiting for. Embedded PGlite has no such thing: its statements run to their end.
 */
import pg from 'pg';

export async function cancellableQuery<R>(
  pool: pg.Pool,
  connectionString: string,
  sql: string,
  params: readonly unknown[],
  signal?: AbortSignal,
): Promise<R[]> {
  if (!signal) return (await pool.query(sql, [...params])).rows as R[];
  const client = await pool.connect();
  const cancel = () => {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (pid !== null) void cancelBackend(connectionString, pid);
  };
  try {
    if (signal.aborted) throw signal.reason;
    signal.addEventListener('abort', cancel, { once: true });
    return (await client.query(sql, [...params])).rows as R[];
  } finally {
    signal.removeEventListener('abort', cancel);
    client.release();
  }
}

async function cancelBackend(connectionString: string, pid: number): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement still ends at its statement_timeout.
  } finally {
    await client.end().catch(() => undefined);
  }
}
