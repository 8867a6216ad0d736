/**
 * Seeds the exchange database from a World: tables, dictionary rows, business rows, then indexes
 * (built after the load, cheaper than maintaining them row by row).
 * Rows go in as one column array per column through unnest (a few thousand rows per statement), the
 * fastest path that is the same SQL on PGlite and on a PostgreSQL server. All in one transaction:
 * a failed load leaves no half-filled database behind.
 */
import type { World } from '../seed/world.ts';
import { AFTER_LOAD, INDEXES_DDL, TABLES_DDL } from './ddl.ts';
import { type InspectionTarget, type LegacyDatabase, openLegacyDatabase, schemaOf } from './database.ts';
import { type TableRows, legacyRows } from './rows.ts';

const ROWS_PER_STATEMENT = 5000;

export interface PreparedInspection {
  /** Rows written per table, soft-deleted and retracted rows included. */
  readonly rowCounts: Readonly<Record<string, number>>;
  readonly loadMs: number;
}

async function insertTable(db: LegacyDatabase, table: TableRows): Promise<void> {
  const arrays = table.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO ${table.table} (${table.columns.join(', ')}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < table.rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = table.rows.slice(start, start + ROWS_PER_STATEMENT);
    await db.query(
      sql,
      table.columns.map((_, c) => chunk.map((row) => row[c] ?? null)),
    );
  }
}

export async function prepareInspection(world: World, target: InspectionTarget): Promise<PreparedInspection> {
  const started = performance.now();
  const db = await openLegacyDatabase(target);
  const tables = legacyRows(world);
  try {
    await db.exec('BEGIN');
    await db.exec(TABLES_DDL);
    for (const table of tables) await insertTable(db, table);
    await db.exec(INDEXES_DDL);
    await db.exec('COMMIT');
    await db.exec(AFTER_LOAD);
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.close();
  }
  return {
    rowCounts: Object.fromEntries(tables.map((t) => [t.table, t.rows.length])),
    loadMs: Math.round(performance.now() - started),
  };
}

/** Whether the target already holds a loaded exchange database (a load commits all of it or nothing). */
export async function inspectionPrepared(target: InspectionTarget): Promise<boolean> {
  // Looked up by qualified name, so a shared instance's search path is left as it was.
  const db = await openLegacyDatabase(target, false);
  try {
    const [row] = await db.query('SELECT to_regclass($1) IS NOT NULL AS present', [`${schemaOf(target)}.t_sb_dj`]);
    return row?.present === true;
  } finally {
    await db.close();
  }
}
