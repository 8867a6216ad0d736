/**
 * The SQL the adapter sends: batch lookups by `= ANY($1)`, per-key pages by window functions (one
 * statement for every key of a batch), searches with their total in the same statement, and the
 * district statistics as GROUP BY in the database. Values only ever arrive as bind parameters.
 */
import { HAZARD_STATUS_CODES, OPEN_HAZARD_STATUSES, STATUS_CODES, codeOf } from './dictionaries.ts';
import { Binds, compact, equipmentConditions, hazardConditions, yearsBefore } from './filters.ts';
import { EQUIPMENT_COLUMNS, HAZARD_COLUMNS, INSPECTION_COLUMNS } from './records.ts';
import type { EquipmentFilter, HazardFilter, PageRequest } from './types.ts';

export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

const IN_USE = codeOf(STATUS_CODES, 'IN_USE');
const OPEN = OPEN_HAZARD_STATUSES.map((s) => codeOf(HAZARD_STATUS_CODES, s));
const VERIFIED = codeOf(HAZARD_STATUS_CODES, 'VERIFIED');

export function equipmentByCodeSql(codes: readonly string[]): Statement {
  return {
    text: `SELECT ${EQUIPMENT_COLUMNS} FROM T_SB_DJ E WHERE E.ZCDM = ANY($1::varchar[]) AND E.SCBZ = '0'`,
    values: [codes],
  };
}

export function inspectionsByEquipmentSql(codes: readonly string[], last: number): Statement {
  return {
    text: `SELECT * FROM (
        SELECT ${INSPECTION_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY J.ZCDM ORDER BY J.JYRQ DESC, J.JYBH DESC) AS RN
        FROM T_JY_JL J WHERE J.ZCDM = ANY($1::varchar[]) AND J.SCBZ = '0') T
      WHERE T.RN <= $2 ORDER BY T.ZCDM, T.RN`,
    values: [codes, last],
  };
}

export function hazardsByEquipmentSql(codes: readonly string[], filter: HazardFilter): Statement {
  const binds = new Binds();
  const keys = binds.add(codes);
  const where = hazardConditions(filter, binds);
  return {
    text: `SELECT ${HAZARD_COLUMNS} FROM T_YH_XX H JOIN T_SB_DJ E ON E.ZCDM = H.ZCDM
      WHERE H.ZCDM = ANY(${keys}::varchar[]) AND ${where.join(' AND ')} ORDER BY H.ZCDM, H.FXRQ DESC, H.YHBH DESC`,
    values: binds.values,
  };
}

/**
 * One page per key in one statement: rows numbered within each key, the key's total alongside.
 * Row 1 of every key always comes back so a key whose page lies past its end still reports its total.
 */
function pagedPerKey(
  select: string,
  from: string,
  keyColumn: string,
  order: string,
  where: string[],
  binds: Binds,
  page: PageRequest,
): string {
  const offset = binds.add(page.offset);
  const limit = binds.add(page.limit);
  return `SELECT * FROM (
      SELECT ${select}, ${keyColumn} AS PAGE_KEY,
        ROW_NUMBER() OVER (PARTITION BY ${keyColumn} ORDER BY ${order}) AS RN,
        COUNT(*) OVER (PARTITION BY ${keyColumn})::int AS TOTAL
      FROM ${from} WHERE ${where.join(' AND ')}) T
    WHERE (T.RN > ${offset} AND T.RN <= ${offset} + ${limit}) OR T.RN = 1
    ORDER BY T.PAGE_KEY, T.RN`;
}

export function equipmentByUserSql(
  usccs: readonly string[],
  page: PageRequest,
  within: readonly string[] | undefined,
): Statement {
  const binds = new Binds();
  const where = [`E.SYDW_TYSHXYDM = ANY(${binds.add(usccs)}::varchar[])`, ...equipmentConditions({ within }, binds)];
  return {
    text: pagedPerKey(EQUIPMENT_COLUMNS, 'T_SB_DJ E', 'E.SYDW_TYSHXYDM', 'E.ZCDM', where, binds, page),
    values: binds.values,
  };
}

export function hazardsByUserSql(usccs: readonly string[], filter: HazardFilter, page: PageRequest): Statement {
  const binds = new Binds();
  const where = [`E.SYDW_TYSHXYDM = ANY(${binds.add(usccs)}::varchar[])`, ...hazardConditions(filter, binds)];
  const from = 'T_YH_XX H JOIN T_SB_DJ E ON E.ZCDM = H.ZCDM';
  return {
    text: pagedPerKey(HAZARD_COLUMNS, from, 'E.SYDW_TYSHXYDM', 'H.FXRQ DESC, H.YHBH DESC', where, binds, page),
    values: binds.values,
  };
}

/** A page with the total of all matches: one row with only TOTAL set when the page is empty. */
function pageWithTotal(
  select: string,
  from: string,
  order: string,
  where: string[],
  binds: Binds,
  page: PageRequest,
): string {
  return `WITH F AS (SELECT ${select} FROM ${from} WHERE ${where.join(' AND ')}),
      N AS (SELECT COUNT(*)::int AS TOTAL FROM F)
    SELECT N.TOTAL, P.* FROM N LEFT JOIN (SELECT * FROM F ORDER BY ${order} LIMIT ${binds.add(page.limit)} OFFSET ${binds.add(page.offset)}) P ON TRUE`;
}

export function searchEquipmentSql(filter: EquipmentFilter, page: PageRequest): Statement {
  const binds = new Binds();
  const where = equipmentConditions(filter, binds);
  return { text: pageWithTotal(EQUIPMENT_COLUMNS, 'T_SB_DJ E', 'ZCDM', where, binds, page), values: binds.values };
}

export function searchHazardsSql(filter: HazardFilter, page: PageRequest): Statement {
  const binds = new Binds();
  const where = hazardConditions(filter, binds);
  const from = 'T_YH_XX H JOIN T_SB_DJ E ON E.ZCDM = H.ZCDM';
  return {
    text: pageWithTotal(HAZARD_COLUMNS, from, 'FXRQ DESC, YHBH DESC', where, binds, page),
    values: binds.values,
  };
}

/**
 * Every district figure in one statement of GROUP BYs, by the code rows carry (the adapter folds
 * retired codes into today's district). Rows: (METRIC, QHDM, K, N, N_OVERDUE, N_SUPERVISED, N_CLOSED).
 * "Inspection overdue": in use, and the latest inspection's next due date is before $1 or there is
 * no inspection on record. "Found hazard": found from $4 (a year before) to $1, N_CLOSED of them
 * verified as rectified (闭环: rectified and verified; rectified alone is not closed).
 */
export function districtStatisticsSql(asOf: string): Statement {
  return {
    text: `WITH E AS (SELECT ZCDM, QHDM, SBLB, ZT FROM T_SB_DJ WHERE SCBZ = '0'),
      LATEST AS (SELECT DISTINCT ON (ZCDM) ZCDM, XCJYRQ FROM T_JY_JL WHERE SCBZ = '0' ORDER BY ZCDM, JYRQ DESC, JYBH DESC)
    SELECT 'CATEGORY' AS METRIC, E.QHDM, SUBSTR(E.SBLB, 1, 1) AS K, COUNT(*)::int AS N, 0 AS N_OVERDUE, 0 AS N_SUPERVISED, 0 AS N_CLOSED
      FROM E WHERE E.ZT = $2 GROUP BY E.QHDM, SUBSTR(E.SBLB, 1, 1)
    UNION ALL
    SELECT 'INSPECTION_OVERDUE', E.QHDM, '', COUNT(*)::int, 0, 0, 0
      FROM E LEFT JOIN LATEST L ON L.ZCDM = E.ZCDM
      WHERE E.ZT = $2 AND (L.XCJYRQ IS NULL OR L.XCJYRQ < $1) GROUP BY E.QHDM
    UNION ALL
    SELECT 'OPEN_HAZARD', E.QHDM, H.YHDJ, COUNT(*)::int,
        (COUNT(*) FILTER (WHERE H.ZGQX < $1))::int, (COUNT(*) FILTER (WHERE H.GPDB = '1'))::int, 0
      FROM T_YH_XX H JOIN E ON E.ZCDM = H.ZCDM
      WHERE H.SCBZ = '0' AND H.YHZT = ANY($3::varchar[]) GROUP BY E.QHDM, H.YHDJ
    UNION ALL
    SELECT 'FOUND_HAZARD', E.QHDM, H.YHDJ, COUNT(*)::int, 0, 0, (COUNT(*) FILTER (WHERE H.YHZT = $5))::int
      FROM T_YH_XX H JOIN E ON E.ZCDM = H.ZCDM
      WHERE H.SCBZ = '0' AND H.FXRQ >= $4 AND H.FXRQ <= $1 GROUP BY E.QHDM, H.YHDJ`,
    values: [compact(asOf), IN_USE, OPEN, yearsBefore(asOf, 1), VERIFIED],
  };
}
