/**
 * The permit system's records: licences of production units and spot checks. There is no maintenance
 * licence (特种设备安全法 Art. 45; README "Who may maintain an elevator"): a maintainer that also installs
 * holds INSTALLATION (电梯安装（含修理）), one that does not holds REPAIR (修理), and a few of those that
 * install are elevator manufacturers maintaining their own lifts under their MANUFACTURE licence. Planted: a few maintainers
 * (never installers, so their installations stay licensed) whose qualifying licence has expired, is
 * suspended or is too narrow. Pure installers hold INSTALLATION, manufacturers MANUFACTURE (some REPAIR),
 * filling stations FILLING.
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import type { Registry } from './equipment.ts';
import { isEnterprise } from './enterprises.ts';
import type { Participants } from './participants.ts';
import type { Random } from './random.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { LicenceType, WorldLicence, WorldSpotCheck } from './world.ts';

const NUMBER_PREFIX: Readonly<Record<LicenceType, string>> = {
  MANUFACTURE: 'TS21',
  INSTALLATION: 'TS33',
  REPAIR: 'TS34',
  FILLING: 'TS42',
};
const MANUFACTURE_SCOPE = {
  ELEVATOR: '3000',
  BOILER: '1000',
  VESSEL: '2000',
  CRANE: '4000',
  VEHICLE: '5000',
  RIDE: '6000',
} as const;
/** The scope given to out-of-scope maintainers: passenger and goods lifts only, no escalators. */
const NARROW_SCOPE = ['3110', '3120'];
/** Share of maintainers that are elevator manufacturers maintaining their own lifts (at least one). */
const SELF_MAINTAINING_MANUFACTURERS = 0.1;

class LicenceBook {
  readonly licences: WorldLicence[] = [];
  private serial = 0;

  constructor(
    private readonly ctx: SeedContext,
    private readonly random: Random,
  ) {}

  /** A current licence (issued before the maintenance history starts) and sometimes the one it renewed. */
  grant(holderUscc: string, type: LicenceType, scope: string[]): WorldLicence {
    const earliest = addYears(this.ctx.asOf, -4);
    // Issued before the history the world records for its type: 60 days of maintenance, two years of installations.
    const history = type === 'INSTALLATION' ? RULES.installerRecordedDays : RULES.maintenanceHistoryDays;
    const issuedOn = isoDate(this.random.int(toDay(earliest) + 30, this.ctx.asOfDay - history - 30));
    if (this.random.chance(0.4)) {
      this.add(holderUscc, type, scope, addYears(issuedOn, -4), isoDate(toDay(issuedOn) - 1), 'EXPIRED');
    }
    return this.add(holderUscc, type, scope, issuedOn, addYears(issuedOn, 4), 'VALID');
  }

  add(
    holderUscc: string,
    type: LicenceType,
    scope: string[],
    issuedOn: string,
    expiresOn: string,
    status: WorldLicence['status'],
  ): WorldLicence {
    const licence: WorldLicence = {
      number: `${NUMBER_PREFIX[type]}31${String(++this.serial).padStart(5, '0')}-${expiresOn.slice(0, 4)}`,
      holderUscc,
      type,
      scope,
      issuedOn,
      expiresOn,
      status,
      selfDeclared: this.random.chance(0.3),
    };
    this.licences.push(licence);
    return licence;
  }
}

export interface Permits {
  licences: WorldLicence[];
  spotChecks: WorldSpotCheck[];
}

export function createPermits(ctx: SeedContext, p: Participants, registry: Registry): Permits {
  const random = ctx.random('permits');
  const book = new LicenceBook(ctx, random);
  const codesMaintained = new Map<string, Set<string>>();
  for (const e of registry.elevators) {
    const codes = codesMaintained.get(e.maintainerUscc) ?? new Set<string>();
    codes.add(registry.byCode.get(e.registrationCode)!.catalogueCode);
    codesMaintained.set(e.maintainerUscc, codes);
  }
  const plantCount = Math.max(1, Math.round(p.maintainers.length * PLANT_RATES.unlicensedMaintainers));
  // Planted among maintainers that do not install: an installer's lapsed licence would make its installations unlicensed too.
  const repairers = random.sample(
    p.maintainers.filter((m) => !m.roles.includes('installer')),
    p.maintainers.filter((m) => !m.roles.includes('installer')).length,
  );
  const outOfScope = repairers
    .filter((m) => [...codesMaintained.get(m.uscc)!].some((c) => !NARROW_SCOPE.includes(c)))
    .slice(0, plantCount);
  const rest = repairers.filter((m) => !outOfScope.includes(m));
  const expired = rest.slice(0, plantCount);
  const suspended = rest.slice(plantCount, 2 * plantCount);
  // Manufacturers maintaining (and installing) their own lifts under their manufacture licence (Art. 45 and
  // 22): the near-miss of "no installation or repair licence". Chosen among the maintainers that install.
  const installing = p.maintainers.filter((m) => m.roles.includes('installer'));
  const selfMaintaining = random.sample(
    installing,
    Math.min(installing.length, Math.max(1, Math.round(p.maintainers.length * SELF_MAINTAINING_MANUFACTURERS))),
  );

  for (const m of p.maintainers) {
    const exact = [...codesMaintained.get(m.uscc)!].sort();
    const type: LicenceType = selfMaintaining.includes(m)
      ? 'MANUFACTURE'
      : m.roles.includes('installer')
        ? 'INSTALLATION'
        : 'REPAIR';
    if (outOfScope.includes(m)) {
      book.grant(m.uscc, type, NARROW_SCOPE);
      ctx.planted.unlicensedMaintainers.push({ uscc: m.uscc, how: 'OUT_OF_SCOPE' });
    } else if (expired.includes(m)) {
      const expiresOn = isoDate(ctx.asOfDay - random.int(10, 40));
      book.add(m.uscc, type, ['3000'], addYears(expiresOn, -4), expiresOn, 'EXPIRED');
      ctx.planted.unlicensedMaintainers.push({ uscc: m.uscc, how: 'EXPIRED' });
    } else {
      // Only a repair licence is sometimes narrowed to the codes maintained: an installer installs other codes too.
      const licence = book.grant(m.uscc, type, type !== 'REPAIR' || random.chance(0.85) ? ['3000'] : exact);
      if (suspended.includes(m)) {
        licence.status = 'SUSPENDED';
        ctx.planted.unlicensedMaintainers.push({ uscc: m.uscc, how: 'SUSPENDED' });
      }
    }
  }
  for (const e of p.installers) if (!e.roles.includes('maintainer')) book.grant(e.uscc, 'INSTALLATION', ['3000']);
  for (const m of p.manufacturers) {
    book.grant(m.enterprise.uscc, 'MANUFACTURE', [MANUFACTURE_SCOPE[m.makes]]);
    if (random.chance(0.3)) book.grant(m.enterprise.uscc, 'REPAIR', [MANUFACTURE_SCOPE[m.makes]]);
  }
  // One filling station licensed for the first time this year: no production unit last year (a near-miss of
  // the annual-report rule, README "Annual reports").
  const [newcomer, ...fillers] = p.fillers;
  if (newcomer) {
    const issuedOn = isoDate(toDay(`${ctx.asOf.slice(0, 4)}-01-15`) + random.int(0, 60));
    book.add(newcomer.uscc, 'FILLING', ['23T0'], issuedOn, addYears(issuedOn, 4), 'VALID');
  }
  for (const f of fillers) book.grant(f.uscc, 'FILLING', ['23T0']);
  // A public hospital filling its own medical oxygen cylinders (医用氧气充装): a licence holder that is a 事业单位 and
  // so owes no enterprise annual report (README "Public institutions"), the near-miss of the annual-report rule.
  const hospital = p.userUnits.find((u) => u.usage === 'HOSPITAL' && !isEnterprise(u.enterprise));
  if (hospital) {
    // Licensed before last year's end, so only its being an institution keeps it off the annual-report list.
    const lastYearEnd = toDay(`${Number(ctx.asOf.slice(0, 4)) - 1}-12-31`);
    const issuedOn = isoDate(random.int(toDay(addYears(ctx.asOf, -4)) + 30, lastYearEnd - 30));
    book.add(hospital.enterprise.uscc, 'FILLING', ['2310'], issuedOn, addYears(issuedOn, 4), 'VALID');
    ctx.planted.institutionLicenceHolders.push(hospital.enterprise.uscc);
  }
  return { licences: book.licences, spotChecks: spotChecks(ctx, random, book.licences) };
}

function spotChecks(ctx: SeedContext, random: Random, licences: readonly WorldLicence[]): WorldSpotCheck[] {
  const holders = [...new Set(licences.map((l) => l.holderUscc))];
  const checks: WorldSpotCheck[] = [];
  for (const uscc of holders) {
    if (!random.chance(0.3)) continue;
    for (let i = random.int(1, 2); i > 0; i--) {
      checks.push({
        id: `CC${String(checks.length + 1).padStart(7, '0')}`,
        uscc,
        checkedOn: isoDate(ctx.asOfDay - random.int(1, 730)),
        result: random.weighted({ PASS: 80, RECTIFY: 15, FAIL: 5 }),
        authority: '上海市市场监督管理局',
      });
    }
  }
  return checks;
}
