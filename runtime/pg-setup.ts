/**
 * A small PostgreSQL pool for a store that makes its own tables on first use (the API keys, the audit
 * trail): the statements run in order at open, and the pool is ended if one fails, so a bad URL or
 * missing rights stop the start with the database's message and leave no connection behind.
 */
import pg from 'pg';

export async function openPoolWithSetup(databaseUrl: string, setup: readonly string[]): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    for (const statement of setup) await pool.query(statement);
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
