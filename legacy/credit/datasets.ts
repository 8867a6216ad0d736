/**
 * The credit platform's six exchange datasets as its batch files carry them: the Chinese column
 * headers, the dictionary texts, and how a World record becomes one row. Every row ends with the
 * platform's change flag (操作标志): I 新增 add, U 变更 update, D 删除 removal; snapshot files carry I only.
 */
import type {
  CreditChange,
  CreditState,
  RiskClass,
  WorldAbnormalListing,
  WorldAnnualReport,
  WorldEnterprise,
  WorldPenalty,
  WorldSeriousViolation,
} from '../seed/world.ts';

export type DatasetCode = 'QYJBXX' | 'XYFXFL' | 'QYNB' | 'XZCF' | 'JYYC' | 'YZWFSX';
type ChangeFlag = 'I' | 'U' | 'D';

/** The order files of one day are dropped (and must be applied): the register first. */
export const DATASET_ORDER: readonly DatasetCode[] = ['QYJBXX', 'XYFXFL', 'QYNB', 'XZCF', 'JYYC', 'YZWFSX'];

export const HEADERS: Readonly<Record<DatasetCode, readonly string[]>> = {
  QYJBXX: [
    '统一社会信用代码',
    '企业名称',
    '企业类型',
    '法定代表人',
    '注册地址',
    '行政区划',
    '登记状态',
    '成立日期',
    '操作标志',
  ],
  XYFXFL: ['统一社会信用代码', '企业名称', '风险分类结果', '分类日期', '操作标志'],
  QYNB: ['统一社会信用代码', '企业名称', '报告年度', '报送日期', '是否按时报送', '操作标志'],
  XZCF: [
    '行政处罚决定书文号',
    '当事人名称',
    '统一社会信用代码',
    '违法行为类型',
    '行政处罚内容',
    '处罚机关',
    '处罚决定日期',
    '操作标志',
  ],
  JYYC: [
    '统一社会信用代码',
    '企业名称',
    '列入经营异常名录原因',
    '列入日期',
    '作出决定机关(列入)',
    '移出日期',
    '移出经营异常名录原因',
    '作出决定机关(移出)',
    '操作标志',
  ],
  YZWFSX: [
    '统一社会信用代码',
    '企业名称',
    '列入严重违法失信名单原因',
    '列入日期',
    '作出决定机关',
    '移出日期',
    '操作标志',
  ],
};

const STATUS_TEXT: Record<WorldEnterprise['status'], string> = { ACTIVE: '存续', REVOKED: '吊销', CANCELLED: '注销' };

/** The four statutory reasons for the abnormal-operation list, as the platform publishes them. */
const ABNORMAL_REASON_TEXT: Record<WorldAbnormalListing['reason'], string> = {
  1: '未按照规定期限公示年度报告',
  2: '未在责令的期限内公示有关企业信息',
  3: '公示企业信息隐瞒真实情况、弄虚作假',
  4: '通过登记的住所或者经营场所无法联系',
};

/** The platform writes dates as YYYYMMDD. */
export const legacyDate = (iso: string | null): string => (iso === null ? '' : iso.replaceAll('-', ''));

export type Row = string[];
type Names = ReadonlyMap<string, string>;

const rows = {
  enterprise: (e: WorldEnterprise, flag: ChangeFlag): Row => [
    e.uscc,
    e.name,
    e.type,
    e.legalRepresentative,
    e.registeredAddress,
    e.recordedDistrict,
    STATUS_TEXT[e.status],
    legacyDate(e.establishedOn),
    flag,
  ],
  riskClass: (uscc: string, riskClass: RiskClass, on: string, names: Names, flag: ChangeFlag): Row => [
    uscc,
    names.get(uscc) ?? '',
    riskClass,
    legacyDate(on),
    flag,
  ],
  annualReport: (r: WorldAnnualReport, names: Names, flag: ChangeFlag): Row => [
    r.uscc,
    names.get(r.uscc) ?? '',
    String(r.year),
    legacyDate(r.filedOn),
    r.onTime ? '是' : '否',
    flag,
  ],
  penalty: (p: WorldPenalty, names: Names, flag: ChangeFlag): Row => [
    p.decisionNumber,
    names.get(p.uscc) ?? '',
    p.uscc,
    p.violationType,
    p.content,
    p.authority,
    legacyDate(p.decidedOn),
    flag,
  ],
  abnormal: (l: WorldAbnormalListing, names: Names, flag: ChangeFlag): Row => [
    l.uscc,
    names.get(l.uscc) ?? '',
    ABNORMAL_REASON_TEXT[l.reason],
    legacyDate(l.listedOn),
    l.listedBy,
    legacyDate(l.removedOn),
    l.removalReason ?? '',
    l.removedBy ?? '',
    flag,
  ],
  seriousViolation: (v: WorldSeriousViolation, names: Names, flag: ChangeFlag): Row => [
    v.uscc,
    names.get(v.uscc) ?? '',
    v.reason,
    legacyDate(v.listedOn),
    v.listedBy,
    legacyDate(v.removedOn),
    flag,
  ],
};

/** The rows of a full snapshot, per dataset. */
export function snapshotRows(state: CreditState, names: Names, snapshotOn: string): Record<DatasetCode, Row[]> {
  return {
    QYJBXX: state.enterprises.map((e) => rows.enterprise(e, 'I')),
    XYFXFL: Object.entries(state.riskClasses).map(([uscc, rc]) => rows.riskClass(uscc, rc, snapshotOn, names, 'I')),
    QYNB: state.annualReports.map((r) => rows.annualReport(r, names, 'I')),
    XZCF: state.penalties.map((p) => rows.penalty(p, names, 'I')),
    JYYC: state.abnormalListings.map((l) => rows.abnormal(l, names, 'I')),
    YZWFSX: state.seriousViolations.map((v) => rows.seriousViolation(v, names, 'I')),
  };
}

/** What the platform knows between drops: it needs it to flag add vs update and to complete removals. */
export interface FeedState {
  readonly names: Map<string, string>;
  readonly registered: Set<string>;
  /** Open abnormal listings by `${uscc}|${reason}`. */
  readonly openListings: Map<string, WorldAbnormalListing>;
}

export function feedStateOf(state: CreditState): FeedState {
  return {
    names: new Map(state.enterprises.map((e) => [e.uscc, e.name])),
    registered: new Set(state.enterprises.map((e) => e.uscc)),
    openListings: new Map(
      state.abnormalListings.filter((l) => l.removedOn === null).map((l) => [`${l.uscc}|${l.reason}`, l]),
    ),
  };
}

/**
 * One day's changes as rows per dataset. The platform sends the day's final state of each record,
 * so several changes to one record on one day collapse into one row (the last wins).
 */
export function incrementRows(changes: readonly CreditChange[], feed: FeedState): Map<DatasetCode, Row[]> {
  const byKey = new Map<DatasetCode, Map<string, Row>>();
  const put = (dataset: DatasetCode, key: string, row: Row) => {
    const m = byKey.get(dataset) ?? new Map<string, Row>();
    m.set(key, row);
    byKey.set(dataset, m);
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'upsertEnterprise': {
        const flag = feed.registered.has(c.enterprise.uscc) ? 'U' : 'I';
        feed.registered.add(c.enterprise.uscc);
        feed.names.set(c.enterprise.uscc, c.enterprise.name);
        put('QYJBXX', c.enterprise.uscc, rows.enterprise(c.enterprise, flag));
        break;
      }
      case 'removeEnterprise':
        feed.registered.delete(c.uscc);
        put('QYJBXX', c.uscc, [c.uscc, feed.names.get(c.uscc) ?? '', '', '', '', '', '', '', 'D']);
        break;
      case 'riskClass':
        put('XYFXFL', c.uscc, rows.riskClass(c.uscc, c.riskClass, c.on, feed.names, 'U'));
        break;
      case 'annualReport':
        put('QYNB', `${c.report.uscc}|${c.report.year}`, rows.annualReport(c.report, feed.names, 'I'));
        break;
      case 'penalty':
        put('XZCF', c.penalty.decisionNumber, rows.penalty(c.penalty, feed.names, 'I'));
        break;
      case 'abnormal':
        feed.openListings.set(`${c.listing.uscc}|${c.listing.reason}`, c.listing);
        put(
          'JYYC',
          `${c.listing.uscc}|${c.listing.reason}|${c.listing.listedOn}`,
          rows.abnormal(c.listing, feed.names, 'I'),
        );
        break;
      case 'abnormalRemoved': {
        const open = feed.openListings.get(`${c.uscc}|${c.reason}`);
        if (!open)
          throw new Error(`credit feed: removal of an abnormal listing that is not open: ${c.uscc} reason ${c.reason}`);
        feed.openListings.delete(`${c.uscc}|${c.reason}`);
        const removed = { ...open, removedOn: c.removedOn, removalReason: c.removalReason, removedBy: c.removedBy };
        put('JYYC', `${c.uscc}|${c.reason}|${open.listedOn}`, rows.abnormal(removed, feed.names, 'U'));
        break;
      }
    }
  }
  return new Map([...byKey].map(([dataset, m]) => [dataset, [...m.values()]]));
}
