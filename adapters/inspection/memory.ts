/**
 * The inspection port over arrays of domain values, for unit tests of the subgraph: same ordering,
 * filtering and paging rules as the SQL adapter, no database. A value given as an Error stands for
 * a bad legacy record of that key.
 */
import { DISTRICTS } from '../../reference/index.ts';
import { OPEN_HAZARD_STATUSES } from './dictionaries.ts';
import { recordedCodesOf, recordedCodesOfAll } from './filters.ts';
import type { InspectionPort } from './port.ts';
import type {
  DistrictEquipmentStats,
  Equipment,
  EquipmentFilter,
  Hazard,
  HazardFilter,
  InspectionRecord,
  PageOf,
  PageRequest,
} from './types.ts';

export interface InspectionData {
  readonly equipment: readonly Equipment[];
  readonly inspections: readonly InspectionRecord[];
  readonly hazards: readonly Hazard[];
  /** Codes whose registry record is bad data. */
  readonly badEquipment?: ReadonlyMap<string, Error>;
}

const yearsBefore = (iso: string, years: number) =>
  `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
/** Hazards found from the same date a year before asOf to asOf, and of those the closed (verified) ones. */
function foundLastYear(hazards: readonly Hazard[], asOf: string) {
  const from = yearsBefore(asOf, 1);
  const found = hazards.filter((h) => h.foundOn >= from && h.foundOn <= asOf);
  return {
    hazardsFoundLastYear: found.length,
    hazardsClosedLastYear: found.filter((h) => h.status === 'VERIFIED').length,
  };
}
const newestFirst = (a: Hazard, b: Hazard) => b.foundOn.localeCompare(a.foundOn) || b.id.localeCompare(a.id);
const slice = <T>(items: readonly T[], page: PageRequest): PageOf<T> => ({
  items: items.slice(page.offset, page.offset + page.limit),
  total: items.length,
});

export class MemoryInspectionPort implements InspectionPort {
  private readonly equipment: Equipment[];
  private readonly byCode: Map<string, Equipment>;

  constructor(private readonly data: InspectionData) {
    this.equipment = [...data.equipment].sort((a, b) => a.code.localeCompare(b.code));
    this.byCode = new Map(this.equipment.map((e) => [e.code, e]));
  }

  private matchesEquipment(e: Equipment, f: EquipmentFilter): boolean {
    const manufactured = e.manufacturedOn ?? '';
    return (
      (f.district === undefined || recordedCodesOf(f.district).includes(e.recordedDistrictCode)) &&
      (f.within === undefined || recordedCodesOfAll(f.within).includes(e.recordedDistrictCode)) &&
      (f.category === undefined || e.category === f.category) &&
      (f.catalogueCode === undefined || e.catalogueCode === f.catalogueCode) &&
      (f.usage === undefined || e.usage === f.usage) &&
      (f.status === undefined || e.status === f.status) &&
      (f.userUscc === undefined || e.userUscc === f.userUscc) &&
      (f.minAgeYears === undefined || manufactured <= yearsBefore(f.asOf!, f.minAgeYears)) &&
      (f.maxAgeYears === undefined || manufactured > yearsBefore(f.asOf!, f.maxAgeYears + 1))
    );
  }

  private matchesHazard(h: Hazard, f: HazardFilter): boolean {
    const equipment = this.byCode.get(h.equipmentCode);
    const open = OPEN_HAZARD_STATUSES.includes(h.status);
    return (
      equipment !== undefined &&
      (f.district === undefined || recordedCodesOf(f.district).includes(equipment.recordedDistrictCode)) &&
      (f.within === undefined || recordedCodesOfAll(f.within).includes(equipment.recordedDistrictCode)) &&
      (f.level === undefined || h.level === f.level) &&
      (f.status === undefined || h.status === f.status) &&
      (f.open === undefined || open === f.open) &&
      (f.overdueOn === undefined || (open && h.deadline !== null && h.deadline < f.overdueOn)) &&
      (f.supervised === undefined || h.supervised === f.supervised) &&
      (f.equipmentInUse === undefined || (equipment.status === 'IN_USE') === f.equipmentInUse)
    );
  }

  async equipmentByCode(codes: readonly string[]) {
    return codes.map((c) => this.data.badEquipment?.get(c) ?? this.byCode.get(c) ?? null);
  }

  async inspectionsByEquipment(codes: readonly string[], last: number) {
    return codes.map((c) =>
      this.data.inspections
        .filter((i) => i.equipmentCode === c)
        .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))
        .slice(0, last),
    );
  }

  async hazardsByEquipment(codes: readonly string[], filter: HazardFilter) {
    return codes.map((c) =>
      this.data.hazards.filter((h) => h.equipmentCode === c && this.matchesHazard(h, filter)).sort(newestFirst),
    );
  }

  async equipmentByUser(usccs: readonly string[], page: PageRequest, within?: readonly string[]) {
    return usccs.map((u) =>
      slice(
        this.equipment.filter((e) => e.userUscc === u && this.matchesEquipment(e, { within })),
        page,
      ),
    );
  }

  async hazardsByUser(usccs: readonly string[], filter: HazardFilter, page: PageRequest) {
    return usccs.map((u) =>
      slice(
        this.data.hazards
          .filter((h) => this.byCode.get(h.equipmentCode)?.userUscc === u && this.matchesHazard(h, filter))
          .sort(newestFirst),
        page,
      ),
    );
  }

  async districtStatistics(asOf: string): Promise<Map<string, DistrictEquipmentStats>> {
    const latest = await this.inspectionsByEquipment(
      this.equipment.map((e) => e.code),
      1,
    );
    const latestDue = new Map(this.equipment.map((e, i) => [e.code, latest[i]?.[0]?.nextDueOn ?? null]));
    return new Map(
      DISTRICTS.map((d) => {
        const inUse = this.equipment.filter((e) => e.districtCode === d.code && e.status === 'IN_USE');
        const open = this.data.hazards.filter((h) => this.matchesHazard(h, { district: d.code, open: true }));
        const byCategory: Partial<Record<Equipment['category'], number>> = {};
        for (const e of inUse) byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;
        return [
          d.code,
          {
            districtCode: d.code,
            equipmentInUse: inUse.length,
            inUseByCategory: byCategory,
            elevatorsInUse: byCategory.ELEVATOR ?? 0,
            inspectionsOverdue: inUse.filter((e) => (latestDue.get(e.code) ?? '') < asOf).length,
            openHazardsByLevel: {
              GENERAL: open.filter((h) => h.level === 'GENERAL').length,
              MAJOR: open.filter((h) => h.level === 'MAJOR').length,
            },
            rectificationsOverdue: open.filter((h) => h.deadline !== null && h.deadline < asOf).length,
            supervisedOpenHazards: open.filter((h) => h.supervised).length,
            ...foundLastYear(
              this.data.hazards.filter((h) => this.matchesHazard(h, { district: d.code })),
              asOf,
            ),
          },
        ];
      }),
    );
  }

  async searchEquipment(filter: EquipmentFilter, page: PageRequest) {
    return slice(
      this.equipment.filter((e) => this.matchesEquipment(e, filter)),
      page,
    );
  }

  async searchHazards(filter: HazardFilter, page: PageRequest) {
    return slice(this.data.hazards.filter((h) => this.matchesHazard(h, filter)).sort(newestFirst), page);
  }

  async close() {}
}
