/**
 * Where things are: each district's share of the city's elevators (end of 2022, DOMAIN.md; the five
 * largest are the published figures, the other eleven are spread to total 304,634), a few real
 * sub-districts (街道/镇) per district, and street addresses.
 */
import { DISTRICTS } from '../../reference/districts.ts';
import type { Random } from './random.ts';

export const CITY_ELEVATORS_BY_DISTRICT: Readonly<Record<string, number>> = {
  '310115': 73_230, '310112': 36_432, '310117': 25_917, '310113': 23_290, '310114': 23_131,
  '310104': 15_500, '310106': 14_500, '310118': 14_000, '310107': 13_000, '310110': 12_500,
  '310101': 10_000, '310120': 11_000, '310105': 10_000, '310109': 9_000, '310116': 6_500, '310151': 6_634,
};

const SUB_DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  '310101': ['南京东路街道', '外滩街道', '半淞园路街道', '小东门街道', '豫园街道', '老西门街道', '五里桥街道', '打浦桥街道', '淮海中路街道', '瑞金二路街道'],
  '310104': ['天平路街道', '湖南路街道', '斜土路街道', '枫林路街道', '长桥街道', '田林街道', '虹梅路街道', '康健新村街道', '徐家汇街道', '凌云路街道', '龙华街道', '漕河泾街道', '华泾镇'],
  '310105': ['华阳路街道', '江苏路街道', '新华路街道', '周家桥街道', '天山路街道', '仙霞新村街道', '虹桥街道', '程家桥街道', '北新泾街道', '新泾镇'],
  '310106': ['江宁路街道', '石门二路街道', '南京西路街道', '静安寺街道', '曹家渡街道', '天目西路街道', '北站街道', '宝山路街道', '芷江西路街道', '彭浦新村街道', '临汾路街道', '彭浦镇'],
  '310107': ['曹杨新村街道', '长风新村街道', '长寿路街道', '甘泉路街道', '石泉路街道', '宜川路街道', '真如镇街道', '万里街道', '长征镇', '桃浦镇'],
  '310109': ['欧阳路街道', '曲阳路街道', '广中路街道', '嘉兴路街道', '凉城新村街道', '四川北路街道', '北外滩街道', '江湾镇街道'],
  '310110': ['定海路街道', '平凉路街道', '江浦路街道', '四平路街道', '控江路街道', '长白新村街道', '延吉新村街道', '殷行街道', '大桥街道', '五角场街道', '新江湾城街道', '长海路街道'],
  '310112': ['江川路街道', '古美街道', '新虹街道', '浦锦街道', '莘庄镇', '七宝镇', '颛桥镇', '华漕镇', '虹桥镇', '梅陇镇', '吴泾镇', '马桥镇', '浦江镇'],
  '310113': ['友谊路街道', '吴淞街道', '张庙街道', '罗店镇', '大场镇', '杨行镇', '月浦镇', '罗泾镇', '顾村镇', '高境镇', '庙行镇', '淞南镇'],
  '310114': ['新成路街道', '真新街道', '嘉定镇街道', '南翔镇', '安亭镇', '马陆镇', '徐行镇', '华亭镇', '外冈镇', '江桥镇'],
  '310115': ['潍坊新村街道', '陆家嘴街道', '周家渡街道', '塘桥街道', '上钢新村街道', '南码头路街道', '沪东新村街道', '金杨新村街道', '洋泾街道', '浦兴路街道', '东明路街道', '花木街道', '川沙新镇', '高桥镇', '北蔡镇', '张江镇', '三林镇', '惠南镇', '周浦镇', '康桥镇', '唐镇', '曹路镇', '金桥镇', '高行镇'],
  '310116': ['石化街道', '朱泾镇', '枫泾镇', '张堰镇', '亭林镇', '吕巷镇', '廊下镇', '金山卫镇', '漕泾镇', '山阳镇'],
  '310117': ['岳阳街道', '永丰街道', '方松街道', '中山街道', '广富林街道', '九里亭街道', '泗泾镇', '佘山镇', '车墩镇', '新桥镇', '洞泾镇', '九亭镇', '泖港镇', '新浜镇'],
  '310118': ['夏阳街道', '盈浦街道', '香花桥街道', '朱家角镇', '练塘镇', '金泽镇', '赵巷镇', '徐泾镇', '华新镇', '重固镇', '白鹤镇'],
  '310120': ['西渡街道', '奉浦街道', '金海街道', '南桥镇', '奉城镇', '庄行镇', '金汇镇', '四团镇', '青村镇', '柘林镇', '海湾镇'],
  '310151': ['城桥镇', '堡镇', '新河镇', '庙镇', '竖新镇', '向化镇', '三星镇', '港沿镇', '中兴镇', '陈家镇', '长兴镇', '横沙乡'],
};

const ROAD_WORDS = ['长江', '黄河', '淮海', '延安', '中山', '世纪', '南京', '北京', '人民', '建设', '兴业', '光明', '复兴', '胜利', '和平', '金桥', '科苑', '文化', '体育', '学府', '锦绣', '浦江', '春申', '虹桥', '宝杨', '博园', '沪青平', '松卫', '金沙', '奉浦'];
const ROAD_SUFFIXES = ['路', '路', '路', '大道', '街', '公路'];

/** Elevator counts per district at a given total, in the city's proportions (largest remainder). */
export function elevatorsByDistrict(total: number): Map<string, number> {
  const cityTotal = Object.values(CITY_ELEVATORS_BY_DISTRICT).reduce((a, b) => a + b, 0);
  const exact = DISTRICTS.map((d) => ({ code: d.code, value: (CITY_ELEVATORS_BY_DISTRICT[d.code]! * total) / cityTotal }));
  const counts = new Map(exact.map((e) => [e.code, Math.floor(e.value)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const e of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left-- <= 0) break;
    counts.set(e.code, counts.get(e.code)! + 1);
  }
  return counts;
}

export function subDistricts(district: string): readonly string[] {
  return SUB_DISTRICTS[district] ?? [];
}

export function streetAddress(random: Random, districtName: string, subDistrict: string): string {
  const road = random.pick(ROAD_WORDS) + random.pick(ROAD_SUFFIXES);
  return `上海市${districtName}${subDistrict}${road}${random.int(1, 2999)}号`;
}
