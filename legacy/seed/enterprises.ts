/**
 * Enterprises: valid, unique unified social credit codes (region = the district code the register carries;
 * authority 9 type 1 for a company, authority 1 type 2 for a public institution 事业单位, GB 32100-2015),
 * Chinese names built from district + trade name + a suffix for the line of business, a legal
 * representative with a valid ID number.
 */
import { DISTRICTS, USCC_ALPHABET, buildUscc } from '../../reference/index.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import { idNumber, officePhone, personName } from './people.ts';
import { streetAddress, subDistricts } from './places.ts';
import type { Random } from './random.ts';
import type { EnterpriseRole, WorldEnterprise } from './world.ts';

const TRADE_NAME_CHARS = [
  ...'恒达嘉信宏泰华安盛力永兴鑫源瑞通海博德隆金辉联合众诚新天宇明锦润祥福康丰茂顺益昌汇聚远航申江浦沪东方中建开元',
];

/** Districts merged or renamed since: records of older enterprises may still carry these codes. */
const RETIRED_BEFORE: Readonly<Record<string, { code: string; before: string }>> = {
  '310106': { code: '310108', before: '2015-11-01' },
  '310151': { code: '310230', before: '2016-07-01' },
};

export const districtName = new Map(DISTRICTS.map((d) => [d.code, d.name]));
/** The district market-supervision bureau that lists, removes and penalises. */
export const authorityOf = (district: string) => `上海市${districtName.get(district) ?? ''}市场监督管理局`;
const shortName = (code: string) => districtName.get(code)!.replace(/新区$|区$/, '');

/** The code a record of the given date carries: sometimes the retired one, when it predates the merger. */
export function recordedDistrictFor(random: Random, district: string, onIso: string): string {
  const retired = RETIRED_BEFORE[district];
  return retired && onIso < retired.before && random.chance(0.4) ? retired.code : district;
}

export interface EnterpriseSpec {
  role: EnterpriseRole;
  district: string;
  /** Line-of-business suffix, e.g. 电梯工程有限公司. */
  suffix: string;
  type?: string;
  /** Latest possible founding date. */
  foundedBy: string;
  /**
   * A public institution (事业单位: a public hospital or school): registered by the 机构编制 authority, so its
   * code starts 12 (authority 1, type 2), its type is 事业单位 and its name 上海市<district><字号><suffix>.
   */
  institution?: boolean;
}

/** GB 32100-2015 characters 1-2: registered by market supervision as an enterprise, or by 机构编制 as a 事业单位. */
const COMPANY_PREFIX = '91';
const INSTITUTION_PREFIX = '12';
const INSTITUTION_TYPE = '事业单位';

/**
 * Whether the credit register keeps enterprise records of it: a risk class, annual reports (企业年报) and the
 * abnormal-operation list are the market-supervision register's, of enterprises; a 事业单位 reports to its own
 * registration authority (legacy seed README "Public institutions").
 */
export const isEnterprise = (e: WorldEnterprise) => e.type !== INSTITUTION_TYPE;

/** Issues unique codes and names for one world. */
export class EnterpriseFactory {
  private serial = 0;
  private readonly names = new Set<string>();
  private readonly stride: number;
  private readonly offset: number;

  constructor(private readonly random: Random) {
    // Serial × stride + offset modulo 31^8 is a bijection (stride coprime with 31): unique bodies that
    // do not look sequential.
    this.stride = 1_000_003 + 2 * random.int(0, 1_000);
    this.offset = random.int(0, 31 ** 8 - 1);
    if (this.stride % 31 === 0) this.stride += 2;
  }

  create(spec: EnterpriseSpec): WorldEnterprise {
    const random = this.random;
    const established = isoDate(random.int(toDay('1992-01-01'), toDay(spec.foundedBy)));
    const recordedDistrict = recordedDistrictFor(random, spec.district, established);
    const sub = random.pick(subDistricts(spec.district));
    return {
      uscc: buildUscc(`${spec.institution ? INSTITUTION_PREFIX : COMPANY_PREFIX}${recordedDistrict}`, this.nextBody()),
      name: this.uniqueName(
        spec.institution ? `上海市${districtName.get(spec.district)!}` : `上海${shortName(spec.district)}`,
        spec.suffix,
      ),
      type: spec.institution ? INSTITUTION_TYPE : (spec.type ?? (random.chance(0.9) ? '有限责任公司' : '股份有限公司')),
      roles: [spec.role],
      legalRepresentative: personName(random),
      legalRepresentativeId: idNumber(random, 1955, 1990),
      phone: officePhone(random),
      registeredAddress: streetAddress(random, districtName.get(spec.district)!, sub),
      district: spec.district,
      recordedDistrict,
      establishedOn: established,
      status: 'ACTIVE',
    };
  }

  private nextBody(): string {
    let n = (this.serial++ * this.stride + this.offset) % 31 ** 8;
    let body = '';
    for (let i = 0; i < 8; i++) {
      body = USCC_ALPHABET[n % 31]! + body;
      n = Math.floor(n / 31);
    }
    return body;
  }

  /** `place` is 上海<district's short name> for a company, 上海市<district's full name> for an institution. */
  private uniqueName(place: string, suffix: string): string {
    for (let length = 2; ; length++) {
      for (let attempt = 0; attempt < 8; attempt++) {
        let trade = '';
        for (let i = 0; i < length; i++) trade += this.random.pick(TRADE_NAME_CHARS);
        const name = `${place}${trade}${suffix}`;
        if (!this.names.has(name)) {
          this.names.add(name);
          return name;
        }
      }
    }
  }
}

/** A founding date bound that keeps licence holders established long before the history window. */
export function foundedYearsBefore(asOf: string, years: number): string {
  return addYears(asOf, -years);
}
