/**
 * The permit system's dictionaries and limits as its interface documents them (README.md). The
 * stand-in speaks only these codes; turning them into domain enums is the adapter's business.
 */
import type { LicenceStatus, LicenceType } from '../seed/world.ts';

/** Target namespace of the service (WSDL, request and response elements, elementFormDefault qualified). */
export const PERMIT_NS = 'http://xzxk.scjgj.sh.gov.cn/tzsb/ws/2015';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Most keys one batch request may carry, and the largest page (MYJLS) one paged request may ask for. */
export const DEFAULT_BATCH_LIMIT = 50;

/** XKLX 许可类别. */
export const XKLX: Readonly<Record<LicenceType, string>> = {
  MANUFACTURE: '01', // 制造
  INSTALLATION: '02', // 安装
  REPAIR: '03', // 改造修理 (no 04: there is no maintenance licence, 特种设备安全法 Art. 45)
  FILLING: '05', // 充装
};

/** ZT 许可证状态. */
export const ZT: Readonly<Record<LicenceStatus, string>> = {
  VALID: '01', // 有效
  EXPIRED: '02', // 过期
  SUSPENDED: '03', // 暂停
  REVOKED: '04', // 撤销
};

/** CCJG 抽查结果. */
export const CCJG = { PASS: '1', RECTIFY: '2', FAIL: '3' } as const;

/** Error codes carried in a Fault's detail (CWDM 错误代码). */
export const CWDM = {
  MALFORMED: 'E1001', // 报文格式错误
  UNKNOWN_OPERATION: 'E1002', // 未知操作
  OVER_LIMIT: 'E1003', // 批量数量超限
  BAD_PARAMETER: 'E1004', // 参数错误
  UNAUTHORIZED: 'E1005', // 安全认证失败 (WS-Security UsernameToken)
  INTERNAL: 'E9001', // 系统内部错误
} as const;

/** 'YYYY-MM-DD' → 'YYYYMMDD', the only date form the permit system knows. */
export const toLegacyDate = (iso: string): string => iso.replaceAll('-', '');
