/**
 * Shanghai's 16 districts (GB/T 2260) and the retired codes that legacy records still carry.
 * Shared reference data: the stand-ins and the adapters both read it (DESIGN.md allows this).
 */
export interface District {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export const DISTRICTS: readonly District[] = [
  { code: '310101', name: '黄浦区', nameEn: 'Huangpu' },
  { code: '310104', name: '徐汇区', nameEn: 'Xuhui' },
  { code: '310105', name: '长宁区', nameEn: 'Changning' },
  { code: '310106', name: '静安区', nameEn: "Jing'an" },
  { code: '310107', name: '普陀区', nameEn: 'Putuo' },
  { code: '310109', name: '虹口区', nameEn: 'Hongkou' },
  { code: '310110', name: '杨浦区', nameEn: 'Yangpu' },
  { code: '310112', name: '闵行区', nameEn: 'Minhang' },
  { code: '310113', name: '宝山区', nameEn: 'Baoshan' },
  { code: '310114', name: '嘉定区', nameEn: 'Jiading' },
  { code: '310115', name: '浦东新区', nameEn: 'Pudong' },
  { code: '310116', name: '金山区', nameEn: 'Jinshan' },
  { code: '310117', name: '松江区', nameEn: 'Songjiang' },
  { code: '310118', name: '青浦区', nameEn: 'Qingpu' },
  { code: '310120', name: '奉贤区', nameEn: 'Fengxian' },
  { code: '310151', name: '崇明区', nameEn: 'Chongming' },
];

/** Retired codes and the current district that absorbed each. */
export const RETIRED_DISTRICT_CODES: Readonly<Record<string, string>> = {
  '310108': '310106', // 闸北区, merged into 静安区 (2015)
  '310230': '310151', // 崇明县, became 崇明区 (2016)
};

const byCode = new Map(DISTRICTS.map((d) => [d.code, d]));

export function districtByCode(code: string): District | undefined {
  return byCode.get(code);
}

/**
 * Maps a code as found in a record (current or retired) to today's district.
 * Returns undefined for anything that is not a Shanghai district, old or new.
 */
export function currentDistrict(code: string): District | undefined {
  return byCode.get(RETIRED_DISTRICT_CODES[code] ?? code);
}

export function isDistrictCode(code: string): boolean {
  return byCode.has(code);
}
