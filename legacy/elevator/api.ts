/**
 * The platform's endpoints over the store: pure functions from (query params, JSON body) to the
 * envelope's data, throwing ApiError for the platform's own refusals. Paths and parameters: README.md.
 */
import { ApiError, CODE, badParameter } from './codes.ts';
import type { DtAlarm, DtElevator } from './records.ts';
import type { ElevatorStore } from './store.ts';

const PAGE_SIZE_CAP = 100;
const BATCH_CAP = 100;
const FEED_LIMIT_CAP = 500;

type Params = ReadonlyMap<string, string>;
export interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly handle: (store: ElevatorStore, params: Params, body: unknown) => unknown;
}

function int(params: Params, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw badParameter(`${name}须为${min}至${max}的整数`);
  return n;
}

/** One page of `total` rows; only its rows are made into records (`recordAt` takes a position in the list). */
function paged<T>(total: number, recordAt: (position: number) => T, params: Params) {
  const pageNo = int(params, 'pageNo', 1, 1, 1_000_000);
  const pageSize = int(params, 'pageSize', 20, 1, PAGE_SIZE_CAP);
  const start = (pageNo - 1) * pageSize;
  const records: T[] = [];
  for (let i = start; i < Math.min(total, start + pageSize); i++) records.push(recordAt(i));
  return { total, pageNo, pageSize, records };
}

function codeList(body: unknown): string[] {
  const list = (body as { zcdmList?: unknown } | null)?.zcdmList;
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) throw badParameter('zcdmList须为字符串数组');
  if (list.length > BATCH_CAP) throw badParameter(`zcdmList最多${BATCH_CAP}个`);
  return list as string[];
}

/** Optional equality filters; a comma in the value means "any of" (used for old district codes). */
function wanted<F extends string>(params: Params, fields: readonly F[]): Partial<Record<F, string[]>> {
  const equals: Partial<Record<F, string[]>> = {};
  for (const f of fields) {
    const want = params.get(f);
    if (want !== undefined && want !== '') equals[f] = want.split(',');
  }
  return equals;
}

function matches<T extends object>(row: T, params: Params, fields: readonly (keyof T & string)[]): boolean {
  const equals = wanted(params, fields);
  return fields.every((f) => equals[f]?.includes(String(row[f])) ?? true);
}

/** kssj/jssj: from, to (epoch ms, inclusive). */
function timeRange(params: Params): readonly [number, number] {
  const from = int(params, 'kssj', 0, 0, Number.MAX_SAFE_INTEGER);
  const to = int(params, 'jssj', Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
  return [from, to];
}

/**
 * A client reading a whole period pages through the same filtered list hundreds of times (a city's two
 * months are some 12,000 pages): the list is kept per query for the next page instead of scanning
 * every record again (the rows' numbers, 4 bytes each). Maintenance records never change once loaded.
 */
const REMEMBERED_QUERIES = 16;
const rememberedLists = new WeakMap<ElevatorStore, Map<string, Uint32Array>>();

function remembered(store: ElevatorStore, key: string, filter: () => Uint32Array): Uint32Array {
  let lists = rememberedLists.get(store);
  if (!lists) rememberedLists.set(store, (lists = new Map()));
  let rows = lists.get(key);
  if (!rows) {
    rows = filter();
    if (lists.size >= REMEMBERED_QUERIES) lists.delete(lists.keys().next().value!);
    lists.set(key, rows);
  }
  return rows;
}

const ELEVATOR_FILTERS = [
  'qxdm',
  'wbdwTyshxydm',
  'sydwTyshxydm',
  'axwbBz',
  'ycjkBz',
] as const satisfies readonly (keyof DtElevator)[];

export const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  '/openapi/v1/elevator/detail': {
    method: 'GET',
    handle(store, params) {
      const found = store.elevatorByCode(params.get('zcdm') ?? '');
      if (!found) throw new ApiError(CODE.NOT_FOUND, '电梯不存在');
      return found;
    },
  },
  '/openapi/v1/elevator/batch': {
    method: 'POST',
    handle(store, _params, body) {
      const codes = codeList(body);
      const found = codes.map((c) => store.elevatorByCode(c));
      return {
        records: found.filter((e): e is DtElevator => e !== undefined),
        notFound: codes.filter((_, i) => found[i] === undefined),
      };
    },
  },
  '/openapi/v1/elevator/page': {
    method: 'GET',
    handle(store, params) {
      // azrqJs: installed on or before (epoch ms), the platform's way to ask for old elevators.
      const installedBy = int(params, 'azrqJs', Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
      // Unfiltered paging (how clients read the whole register) must not scan every row per page.
      const filtered = installedBy < Number.MAX_SAFE_INTEGER || ELEVATOR_FILTERS.some((f) => params.get(f));
      const { elevators } = store;
      if (!filtered) return paged(elevators.length, (row) => elevators.record(row), params);
      const rows = elevators.select({
        equals: wanted(params, ELEVATOR_FILTERS),
        within: { azrq: [-Infinity, installedBy] },
      });
      return paged(rows.length, (i) => elevators.record(rows[i]!), params);
    },
  },
  '/openapi/v1/maintenance/latest': {
    method: 'POST',
    handle(store, _params, body) {
      const { maintenance } = store;
      const newest = codeList(body).flatMap((c) => [...maintenance.rowsWith(c).subarray(0, 1)]);
      return { records: newest.map((row) => maintenance.record(row)) };
    },
  },
  '/openapi/v1/maintenance/page': {
    method: 'GET',
    handle(store, params) {
      const zcdm = params.get('zcdm');
      const key = [zcdm, params.get('kssj'), params.get('jssj'), params.get('wbdwTyshxydm')].join('|');
      const { maintenance } = store;
      const rows = remembered(store, key, () =>
        maintenance.select(
          { equals: wanted(params, ['wbdwTyshxydm']), within: { wbrq: timeRange(params) } },
          zcdm ? maintenance.rowsWith(zcdm) : undefined,
        ),
      );
      return paged(rows.length, (i) => maintenance.record(rows[i]!), params);
    },
  },
  '/openapi/v1/alarm/page': {
    method: 'GET',
    handle(store, params) {
      const [from, to] = timeRange(params);
      const rows = store.alarms
        .filter((a) => a.bjsj >= from && a.bjsj <= to && matches(a, params, ['zcdm', 'bjlx']))
        .reverse();
      return paged(rows.length, (i) => rows[i]!, params);
    },
  },
  '/openapi/v1/alarm/feed': {
    method: 'GET',
    handle(store, params) {
      const since = int(params, 'since', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = int(params, 'limit', 100, 1, FEED_LIMIT_CAP);
      const records: DtAlarm[] = [];
      for (const a of store.alarms) {
        if (a.xh > since) records.push(a);
        if (records.length === limit) break;
      }
      return { records, nextSince: records.at(-1)?.xh ?? since };
    },
  },
};
