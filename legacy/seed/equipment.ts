/**
 * The equipment registry: elevators spread over the districts in the city's proportions, 25.8% of
 * them installed more than 15 years ago, used by user units of their district and maintained by
 * maintenance companies (big ones get more); then the other equipment of industrial users.
 */
import type { SeedContext } from './context.ts';
import { addYears, isoDate, toDay } from './dates.ts';
import { districtName, recordedDistrictFor } from './enterprises.ts';
import { EquipmentIdentifiers } from './identifiers.ts';
import type { Manufacturer, Participants, UserUnit } from './participants.ts';
import { elevatorsByDistrict, streetAddress, subDistricts } from './places.ts';
import { type Random, WeightedIndex } from './random.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { EquipmentStatus, WorldElevator, WorldEquipment } from './world.ts';

/** Share of elevators in service for over 15 years (78,713 of 304,634 at the end of 2022). */
const OLD_ELEVATOR_SHARE = 0.258;

const ELEVATOR_CODES = {
  '3110': 82,
  '3120': 4,
  '3130': 0.5,
  '3210': 0.5,
  '3310': 7,
  '3320': 1,
  '3410': 0.3,
  '3420': 3,
  '3430': 1.7,
};
const OTHER_CODES = {
  '2150': 28,
  '23T0': 8,
  '4D00': 15,
  '4100': 14,
  '4300': 3,
  '5110': 22,
  '1100': 3,
  '1200': 3,
};
/**
 * Amusement rides (大型游乐设施) per other equipment item: 0.25%, about 300 at city scale (Shanghai had 302
 * in use at the end of 2019 against 540,248 special-equipment items; README "Published figures").
 */
const RIDES_PER_OTHER_EQUIPMENT = 0.0025;
/** Suspended (停用) elevators beside those in use, as a share of them. */
const SUSPENDED_ELEVATOR_SHARE = 0.007;

export interface Registry {
  equipment: WorldEquipment[];
  elevators: WorldElevator[];
  /** Equipment rows by registration code. */
  byCode: Map<string, WorldEquipment>;
}

export function createRegistry(ctx: SeedContext, participants: Participants): Registry {
  const random = ctx.random('equipment');
  const ids = new EquipmentIdentifiers();
  const registry: Registry = { equipment: [], elevators: [], byCode: new Map() };
  addElevators(ctx, random, ids, participants, registry);
  addOtherEquipment(ctx, random, ids, participants, registry);
  return registry;
}

function place(random: Random, district: string, registeredOn: string) {
  const subDistrict = random.pick(subDistricts(district));
  return {
    district,
    recordedDistrict: recordedDistrictFor(random, district, registeredOn),
    subDistrict,
    address: streetAddress(random, districtName.get(district)!, subDistrict),
  };
}

function statusOf(random: Random, suspendedShare: number, scrappedShare: number): EquipmentStatus {
  const r = random.next();
  return r < suspendedShare ? 'SUSPENDED' : r < suspendedShare + scrappedShare ? 'SCRAPPED' : 'IN_USE';
}

/** Units of one district with Pareto-ish sizes: a few estates with many lifts, many with few. */
function unitsByDistrict(units: readonly UserUnit[]) {
  const grouped = new Map<string, { units: UserUnit[]; index: WeightedIndex }>();
  const lists = new Map<string, UserUnit[]>();
  for (const u of units) {
    const list = lists.get(u.enterprise.district);
    if (list) list.push(u);
    else lists.set(u.enterprise.district, [u]);
  }
  for (const [district, list] of lists)
    grouped.set(district, { units: list, index: new WeightedIndex(list.map((_, i) => 1 / (i + 1) ** 0.7)) });
  return grouped;
}

function addElevators(
  ctx: SeedContext,
  random: Random,
  ids: EquipmentIdentifiers,
  p: Participants,
  registry: Registry,
): void {
  const oldCutoff = toDay(addYears(ctx.asOf, -RULES.oldElevatorYears));
  const makers = p.manufacturers.filter((m) => m.makes === 'ELEVATOR');
  const maintainerIndex = new WeightedIndex(p.maintainers.map((_, i) => 1 / (i + 1) ** 0.8));
  const primaryMaintainer = new Map(
    p.userUnits.map((u) => [u.enterprise.uscc, p.maintainers[maintainerIndex.draw(random)]!]),
  );
  const units = unitsByDistrict(p.userUnits);
  let serial = 0;
  for (const [district, count] of elevatorsByDistrict(ctx.scale.elevators)) {
    const local = units.get(district)!;
    // The scale's count is of elevators in use (the published figure); the suspended ones come on top.
    const suspended = Math.round(count * SUSPENDED_ELEVATOR_SHARE);
    for (let i = 0; i < count + suspended; i++) {
      // The first elevators go round the district's units so that every unit uses at least one.
      const unit = i < local.units.length ? local.units[i]! : local.units[local.index.draw(random)]!;
      // The first elevators of the city go round the maintainers so that every one maintains some.
      const maintainer =
        serial < p.maintainers.length
          ? p.maintainers[serial]!
          : random.chance(0.85)
            ? primaryMaintainer.get(unit.enterprise.uscc)!
            : p.maintainers[maintainerIndex.draw(random)]!;
      serial++;
      const old = random.chance(OLD_ELEVATOR_SHARE);
      const installedDay = old
        ? random.int(oldCutoff - 20 * 365, oldCutoff - 1)
        : random.int(oldCutoff, ctx.asOfDay - 180);
      const catalogueCode = random.weighted(ELEVATOR_CODES);
      const maker = random.pick(makers);
      const equipment = registerEquipment(ctx, random, ids, registry, {
        catalogueCode,
        unit,
        maker,
        district,
        installedDay,
        status: i < count ? 'IN_USE' : 'SUSPENDED',
      });
      const escalator = catalogueCode[1] === '3';
      const elevator: WorldElevator = {
        registrationCode: equipment.registrationCode,
        qrId: ids.qrId(),
        floors: escalator ? 2 : unit.usage === 'RESIDENTIAL' ? random.int(6, 33) : random.int(3, 45),
        speed: escalator ? 0.5 : random.pick([1, 1, 1.5, 1.75, 2, 2.5]),
        manufacturer: maker.enterprise.name,
        installedOn: isoDate(installedDay),
        maintainerUscc: maintainer.uscc,
        userUscc: unit.enterprise.uscc,
        remoteMonitoring: random.chance(0.7),
        onDemand: false,
        insured: random.chance(0.85),
      };
      if (installedDay >= ctx.asOfDay - RULES.installerRecordedDays) recordInstaller(ctx, random, p, elevator);
      registry.elevators.push(elevator);
      if (old && unit.usage === 'RESIDENTIAL' && equipment.status === 'IN_USE')
        ctx.planted.oldResidentialElevators.push(equipment.registrationCode);
    }
  }
}

/** A licensed installer, or (planted) a maintenance company that holds no INSTALLATION licence. */
function recordInstaller(ctx: SeedContext, random: Random, p: Participants, elevator: WorldElevator): void {
  const unlicensed = p.maintainers.filter((m) => !m.roles.includes('installer'));
  if (unlicensed.length > 0 && random.chance(PLANT_RATES.unlicensedInstallations)) {
    elevator.installerUscc = random.pick(unlicensed).uscc;
    ctx.planted.unlicensedInstallations.push(elevator.registrationCode);
  } else {
    elevator.installerUscc = random.pick(p.installers).uscc;
  }
}

interface EquipmentSpec {
  catalogueCode: string;
  unit: UserUnit;
  maker: Manufacturer;
  district: string;
  installedDay: number;
  status: EquipmentStatus;
  deleted?: boolean;
}

function registerEquipment(
  ctx: SeedContext,
  random: Random,
  ids: EquipmentIdentifiers,
  registry: Registry,
  spec: EquipmentSpec,
): WorldEquipment {
  const registeredOn = isoDate(Math.min(spec.installedDay + random.int(5, 60), ctx.asOfDay - 120));
  const manufacturedOn = isoDate(spec.installedDay - random.int(30, 365));
  const where = place(random, spec.district, registeredOn);
  const equipment: WorldEquipment = {
    registrationCode: ids.registrationCode(spec.catalogueCode, where.recordedDistrict, registeredOn),
    equipmentCode: ids.equipmentCode(spec.catalogueCode, spec.maker.code, manufacturedOn),
    catalogueCode: spec.catalogueCode,
    userUscc: spec.unit.enterprise.uscc,
    ...where,
    registeredOn,
    certificateOfUse: ids.certificateOfUse(spec.catalogueCode, registeredOn),
    usage: spec.unit.usage,
    status: spec.status,
    manufacturedOn,
    deleted: spec.deleted ?? false,
  };
  registry.equipment.push(equipment);
  registry.byCode.set(equipment.registrationCode, equipment);
  return equipment;
}

const MAKER_OF: Readonly<Record<string, Manufacturer['makes']>> = {
  '1': 'BOILER',
  '2': 'VESSEL',
  '4': 'CRANE',
  '5': 'VEHICLE',
  '6': 'RIDE',
};

function addOtherEquipment(
  ctx: SeedContext,
  random: Random,
  ids: EquipmentIdentifiers,
  p: Participants,
  registry: Registry,
): void {
  const userIndex = new WeightedIndex(p.industrialUsers.map((_, i) => 1 / (i + 1) ** 0.5));
  const makersOf = (makes: Manufacturer['makes']) => p.manufacturers.filter((m) => m.makes === makes);
  const makers = new Map(
    Object.values(MAKER_OF).map((makes) => [makes, makersOf(makes).length ? makersOf(makes) : p.manufacturers]),
  );
  const leisure = p.industrialUsers.filter((u) => u.usage === 'COMMERCIAL');
  const rides =
    leisure.length === 0 ? 0 : Math.max(1, Math.round(ctx.scale.otherEquipment * RIDES_PER_OTHER_EQUIPMENT));
  for (let i = 0; i < ctx.scale.otherEquipment; i++) {
    // The first items are the amusement rides, owned by the leisure operators; the rest spread over every unit.
    const ride = i < rides;
    const unit = ride
      ? leisure[i % leisure.length]!
      : i - rides < p.industrialUsers.length
        ? p.industrialUsers[i - rides]!
        : p.industrialUsers[userIndex.draw(random)]!;
    const catalogueCode = ride ? '6100' : random.weighted(OTHER_CODES);
    const maker = random.pick(makers.get(MAKER_OF[catalogueCode[0]!]!)!);
    const installedDay = random.int(ctx.asOfDay - 25 * 365, ctx.asOfDay - 180);
    const deleted = random.chance(0.005);
    registerEquipment(ctx, random, ids, registry, {
      catalogueCode,
      unit,
      maker,
      district: unit.enterprise.district,
      installedDay,
      deleted,
      status: deleted ? 'IN_USE' : statusOf(random, 0.01, 0.02),
    });
  }
}
