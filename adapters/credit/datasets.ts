/**
 * The allow-list mapper: for each dataset the platform drops, the exact header it must carry and a
 * zod schema that turns one legacy record (keyed by Chinese header) into one store row. Columns not
 * listed here are never read; legacy names end in this file.
 */
import { z } from 'zod';
import * as f from './fields.ts';
import type { CreditDataset } from './types.ts';

type ColumnType = 'text' | 'int' | 'boolean';
type StoreValue = string | number | boolean | null;
export type StoreRow = Readonly<Record<string, StoreValue>>;

export interface Dataset {
  /** The dataset code in the file name. */
  readonly code: string;
  /** What it holds, in the graph's words (held files, metrics). */
  readonly domain: CreditDataset;
  readonly headers: readonly string[];
  readonly table: string;
  /** Store columns in insert order, with their SQL types. */
  readonly columns: readonly (readonly [string, ColumnType])[];
  /** Store columns that identify a record. */
  readonly key: readonly string[];
  /** Parses the key columns only (removal rows carry nothing else). */
  readonly keyRecord: z.ZodType<StoreRow>;
  readonly record: z.ZodType<StoreRow>;
  /** Tables whose rows about a USCC go when a removal row of this dataset removes it. */
  readonly removalCascade?: readonly string[];
}

export const FLAG_HEADER = '操作标志';

const USCC = '统一社会信用代码';

const enterprise: Dataset = {
  code: 'QYJBXX',
  domain: 'REGISTER',
  headers: [USCC, '企业名称', '企业类型', '法定代表人', '注册地址', '行政区划', '登记状态', '成立日期', FLAG_HEADER],
  table: 'enterprise',
  // An enterprise struck from the register takes its credit records with it: nothing may point at it.
  removalCascade: ['risk_class', 'annual_report', 'penalty', 'abnormal_listing', 'serious_violation'],
  columns: [
    ['uscc', 'text'],
    ['name', 'text'],
    ['type', 'text'],
    ['legal_representative', 'text'],
    ['registered_address', 'text'],
    ['recorded_district', 'text'],
    ['status', 'text'],
    ['established_on', 'text'],
  ],
  key: ['uscc'],
  keyRecord: z.object({ [USCC]: f.uscc }).transform((r) => ({ uscc: r[USCC] })),
  record: z
    .object({
      [USCC]: f.uscc,
      企业名称: f.text,
      企业类型: f.text,
      法定代表人: f.text,
      注册地址: f.text,
      行政区划: f.districtCode,
      登记状态: f.registerStatus,
      成立日期: f.date,
    })
    .transform((r) => ({
      uscc: r[USCC],
      name: r.企业名称,
      type: r.企业类型,
      legal_representative: r.法定代表人,
      registered_address: r.注册地址,
      recorded_district: r.行政区划,
      status: r.登记状态,
      established_on: r.成立日期,
    })),
};

const riskClass: Dataset = {
  code: 'XYFXFL',
  domain: 'RISK_CLASS',
  headers: [USCC, '企业名称', '风险分类结果', '分类日期', FLAG_HEADER],
  table: 'risk_class',
  columns: [
    ['uscc', 'text'],
    ['risk_class', 'text'],
    ['classified_on', 'text'],
  ],
  key: ['uscc'],
  keyRecord: z.object({ [USCC]: f.uscc }).transform((r) => ({ uscc: r[USCC] })),
  record: z
    .object({ [USCC]: f.uscc, 风险分类结果: f.riskClass, 分类日期: f.date })
    .transform((r) => ({ uscc: r[USCC], risk_class: r.风险分类结果, classified_on: r.分类日期 })),
};

const annualReport: Dataset = {
  code: 'QYNB',
  domain: 'ANNUAL_REPORT',
  headers: [USCC, '企业名称', '报告年度', '报送日期', '是否按时报送', FLAG_HEADER],
  table: 'annual_report',
  columns: [
    ['uscc', 'text'],
    ['year', 'int'],
    ['filed_on', 'text'],
    ['on_time', 'boolean'],
  ],
  key: ['uscc', 'year'],
  keyRecord: z.object({ [USCC]: f.uscc, 报告年度: f.year }).transform((r) => ({ uscc: r[USCC], year: r.报告年度 })),
  record: z
    .object({ [USCC]: f.uscc, 报告年度: f.year, 报送日期: f.date, 是否按时报送: f.yesNo })
    .transform((r) => ({ uscc: r[USCC], year: r.报告年度, filed_on: r.报送日期, on_time: r.是否按时报送 })),
};

const penalty: Dataset = {
  code: 'XZCF',
  domain: 'PENALTY',
  headers: [
    '行政处罚决定书文号',
    '当事人名称',
    USCC,
    '违法行为类型',
    '行政处罚内容',
    '处罚机关',
    '处罚决定日期',
    FLAG_HEADER,
  ],
  table: 'penalty',
  columns: [
    ['decision_number', 'text'],
    ['uscc', 'text'],
    ['violation_type', 'text'],
    ['content', 'text'],
    ['authority', 'text'],
    ['decided_on', 'text'],
  ],
  key: ['decision_number'],
  keyRecord: z.object({ 行政处罚决定书文号: f.text }).transform((r) => ({ decision_number: r.行政处罚决定书文号 })),
  record: z
    .object({
      行政处罚决定书文号: f.text,
      [USCC]: f.uscc,
      违法行为类型: f.text,
      行政处罚内容: f.text,
      处罚机关: f.text,
      处罚决定日期: f.date,
    })
    .transform((r) => ({
      decision_number: r.行政处罚决定书文号,
      uscc: r[USCC],
      violation_type: r.违法行为类型,
      content: r.行政处罚内容,
      authority: r.处罚机关,
      decided_on: r.处罚决定日期,
    })),
};

const abnormalKey = { [USCC]: f.uscc, 列入经营异常名录原因: f.abnormalReason, 列入日期: f.date };
const abnormal: Dataset = {
  code: 'JYYC',
  domain: 'ABNORMAL_OPERATION_LIST',
  headers: [
    USCC,
    '企业名称',
    '列入经营异常名录原因',
    '列入日期',
    '作出决定机关(列入)',
    '移出日期',
    '移出经营异常名录原因',
    '作出决定机关(移出)',
    FLAG_HEADER,
  ],
  table: 'abnormal_listing',
  columns: [
    ['uscc', 'text'],
    ['reason', 'text'],
    ['listed_on', 'text'],
    ['listed_by', 'text'],
    ['removed_on', 'text'],
    ['removal_reason', 'text'],
    ['removed_by', 'text'],
  ],
  key: ['uscc', 'reason', 'listed_on'],
  keyRecord: z
    .object(abnormalKey)
    .transform((r) => ({ uscc: r[USCC], reason: r.列入经营异常名录原因, listed_on: r.列入日期 })),
  record: z
    .object({
      ...abnormalKey,
      '作出决定机关(列入)': f.text,
      移出日期: f.optionalDate,
      移出经营异常名录原因: f.optionalText,
      '作出决定机关(移出)': f.optionalText,
    })
    .transform((r) => ({
      uscc: r[USCC],
      reason: r.列入经营异常名录原因,
      listed_on: r.列入日期,
      listed_by: r['作出决定机关(列入)'],
      removed_on: r.移出日期,
      removal_reason: r.移出经营异常名录原因,
      removed_by: r['作出决定机关(移出)'],
    })),
};

const seriousKey = { [USCC]: f.uscc, 列入日期: f.date };
const seriousViolation: Dataset = {
  code: 'YZWFSX',
  domain: 'SERIOUS_VIOLATION_LIST',
  headers: [USCC, '企业名称', '列入严重违法失信名单原因', '列入日期', '作出决定机关', '移出日期', FLAG_HEADER],
  table: 'serious_violation',
  columns: [
    ['uscc', 'text'],
    ['listed_on', 'text'],
    ['reason', 'text'],
    ['listed_by', 'text'],
    ['removed_on', 'text'],
  ],
  key: ['uscc', 'listed_on'],
  keyRecord: z.object(seriousKey).transform((r) => ({ uscc: r[USCC], listed_on: r.列入日期 })),
  record: z
    .object({ ...seriousKey, 列入严重违法失信名单原因: f.text, 作出决定机关: f.text, 移出日期: f.optionalDate })
    .transform((r) => ({
      uscc: r[USCC],
      listed_on: r.列入日期,
      reason: r.列入严重违法失信名单原因,
      listed_by: r.作出决定机关,
      removed_on: r.移出日期,
    })),
};

/** In the order files of one day are applied: the register first. */
export const DATASETS: readonly Dataset[] = [enterprise, riskClass, annualReport, penalty, abnormal, seriousViolation];

export function datasetByCode(code: string): Dataset | undefined {
  return DATASETS.find((d) => d.code === code);
}
