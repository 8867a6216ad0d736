/**
 * The exchange database's dictionary tables (T_ZD_*): legacy code → Chinese label, and how the
 * world's English values are written as codes. The adapter keeps its own independent copy of these
 * mappings; the two only meet in the database.
 */
import type {
  EquipmentStatus,
  EquipmentUsage,
  HazardLevel,
  HazardStatus,
  InspectionConclusion,
  InspectionKind,
  WorldHazard,
} from '../seed/world.ts';

export interface DictionaryEntry {
  readonly code: string;
  readonly label: string;
}

/** 使用性质 usage. */
export const SYXZ: Readonly<Record<EquipmentUsage, DictionaryEntry>> = {
  RESIDENTIAL: { code: '01', label: '住宅' },
  PUBLIC: { code: '02', label: '公共场所' },
  COMMERCIAL: { code: '03', label: '商业' },
  INDUSTRIAL: { code: '04', label: '工业' },
  OFFICE: { code: '05', label: '办公' },
  HOSPITAL: { code: '06', label: '医疗机构' },
  SCHOOL: { code: '07', label: '学校' },
  TRANSPORT: { code: '08', label: '交通枢纽' },
};

/** 设备状态 equipment status. */
export const SBZT: Readonly<Record<EquipmentStatus, DictionaryEntry>> = {
  IN_USE: { code: '1', label: '在用' },
  SUSPENDED: { code: '2', label: '停用' },
  SCRAPPED: { code: '9', label: '报废' },
};

/** 检验类别 inspection kind. */
export const JYLB: Readonly<Record<InspectionKind, DictionaryEntry>> = {
  PERIODIC: { code: 'DQ', label: '定期检验' },
  SUPERVISORY: { code: 'JD', label: '监督检验' },
  SELF_TEST: { code: 'ZX', label: '自行检测' },
};

/** 检验结论 inspection conclusion. */
export const JYJL: Readonly<Record<InspectionConclusion, DictionaryEntry>> = {
  PASS: { code: '1', label: '合格' },
  CONDITIONAL: { code: '2', label: '复检合格' },
  FAIL: { code: '3', label: '不合格' },
};

/** 隐患等级 hazard level. */
export const YHDJ: Readonly<Record<HazardLevel, DictionaryEntry>> = {
  GENERAL: { code: '1', label: '一般隐患' },
  MAJOR: { code: '2', label: '重大隐患' },
};

/** 隐患状态 hazard status. */
export const YHZT: Readonly<Record<HazardStatus, DictionaryEntry>> = {
  FOUND: { code: '10', label: '已发现' },
  RECTIFYING: { code: '20', label: '整改中' },
  RECTIFIED: { code: '30', label: '已整改' },
  VERIFIED: { code: '40', label: '已验证销号' },
};

/** 隐患来源 hazard source. */
export const YHLY: Readonly<Record<WorldHazard['source'], DictionaryEntry>> = {
  INSPECTION: { code: '1', label: '检验发现' },
  SUPERVISION: { code: '2', label: '监督检查' },
  REPORT: { code: '3', label: '投诉举报' },
  MONITORING: { code: '4', label: '在线监测' },
};
