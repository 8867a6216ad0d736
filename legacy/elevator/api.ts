/**
 * The platform's endpoints over the store: pure functions from (query params, JSON body) to the
 * envelope's data, throwing ApiError for the platform's own refusals. Paths and parameters: README.md.
 */
import { ApiError, CODE, badParameter } from './codes.ts';
import type { DtAlarm, DtElevator, DtMaintenance } from './records.ts';
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

function paged<T>(rows: readonly T[], params: Params) {
  const pageNo = int(params, 'pageNo', 1, 1, 1_000_000);
  const pageSize = int(params, 'pageSize', 20, 1, PAGE_SIZE_CAP);
  const start = (pageNo - 1) * pageSize;
  return { total: rows.length, pageNo, pageSize, records: rows.slice(start, start + pageSize) };
}

function codeList(body: unknown): string[] {
  const list = (body as { zcdmList?: unknown } | null)?.zcdmList;
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) throw badParameter('zcdmList须为字符串数组');
  if (list.length > BATCH_CAP) throw badParameter(`zcdmList最多${BATCH_CAP}个`);
  return list as string[];
}

/** Optional equality filters; a comma in the value means "any of" (used for old district codes). */
function matches<T extends object>(row: T, params: Params, fields: readonly (keyof T & string)[]): boolean {
  return fields.every((f) => {
    const want = params.get(f);
    return want === undefined || want === '' || want.split(',').includes(String(row[f]));
  });
}

function timeRange(params: Params): (t: number) => boolean {
  const from = int(params, 'kssj', 0, 0, Number.MAX_SAFE_INTEGER);
  const to = int(params, 'jssj', Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
  return (t) => t >= from && t <= to;
}

/**
 * A client reading a whole period pages through the same filtered list hundreds of times (a city's two
 * months are some 12,000 pages): the list is kept per query for the next page instead of scanning
 * every record again. Maintenance records never change once loaded.
 */
const REMEMBERED_QUERIES = 16;
const rememberedLists = new WeakMap<ElevatorStore, Map<string, readonly DtMaintenance[]>>();

function remembered(
  store: ElevatorStore,
  key: string,
  filter: () => readonly DtMaintenance[],
): readonly DtMaintenance[] {
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
      const found = store.elevatorByCode.get(params.get('zcdm') ?? '');
      if (!found) throw new ApiError(CODE.NOT_FOUND, '电梯不存在');
      return found;
    },
  },
  '/openapi/v1/elevator/batch': {
    method: 'POST',
    handle(store, _params, body) {
      const codes = codeList(body);
      const records = codes.map((c) => store.elevatorByCode.get(c)).filter((e): e is DtElevator => e !== undefined);
      return { records, notFound: codes.filter((c) => !store.elevatorByCode.has(c)) };
    },
  },
  '/openapi/v1/elevator/page': {
    method: 'GET',
    handle(store, params) {
      // azrqJs: installed on or before (epoch ms), the platform's way to ask for old elevators.
      const installedBy = int(params, 'azrqJs', Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
      // Unfiltered paging (how clients read the whole register) must not scan every row per page.
      const filtered = installedBy < Number.MAX_SAFE_INTEGER || ELEVATOR_FILTERS.some((f) => params.get(f));
      return paged(
        filtered
          ? store.elevators.filter((e) => matches(e, params, ELEVATOR_FILTERS) && e.azrq <= installedBy)
          : store.elevators,
        params,
      );
    },
  },
  '/openapi/v1/maintenance/latest': {
    method: 'POST',
    handle(store, _params, body) {
      const records = codeList(body)
        .map((c) => store.maintenanceByCode.get(c)?.[0])
        .filter((m): m is DtMaintenance => m !== undefined);
      return { records };
    },
  },
  '/openapi/v1/maintenance/page': {
    method: 'GET',
    handle(store, params) {
      const zcdm = params.get('zcdm');
      const key = [zcdm, params.get('kssj'), params.get('jssj'), params.get('wbdwTyshxydm')].join('|');
      return paged(
        remembered(store, key, () => {
          const source = zcdm ? (store.maintenanceByCode.get(zcdm) ?? []) : store.maintenance;
          const inRange = timeRange(params);
          return source.filter((m) => inRange(m.wbrq) && matches(m, params, ['wbdwTyshxydm']));
        }),
        params,
      );
    },
  },
  '/openapi/v1/alarm/page': {
    method: 'GET',
    handle(store, params) {
      const inRange = timeRange(params);
      const rows = store.alarms.filter((a) => inRange(a.bjsj) && matches(a, params, ['zcdm', 'bjlx'])).reverse();
      return paged(rows, params);
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
