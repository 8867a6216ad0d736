/**
 * Resolvers of the inspection entities: Equipment, District, Enterprise, Hazard. Every lookup goes
 * through a per-request loader; "overdue" is judged against the clock's today in Shanghai.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { Equipment, Hazard } from '../../adapters/inspection/types.ts';
import { districtByCode, parseRegistrationCode } from '../../reference/index.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import type { SubgraphContext } from '../common/context.ts';
import { mayReadDistrict, outsideDistricts } from '../common/districts.ts';
import { toConnection, toPage } from '../common/connection.ts';
import { DateScalar, DateTimeScalar } from '../common/scalars.ts';
import { type HazardFilterInput, hazardFilterArg, inspectionsLastArg } from './arguments.ts';
import type { InspectionLoaders } from './loaders.ts';

type Context = SubgraphContext<InspectionLoaders>;
type PageArgs = { first?: number | null; after?: string | null };

const OPEN_STATUSES: readonly Hazard['status'][] = ['FOUND', 'RECTIFYING'];

export function districtValue(code: string) {
  const d = districtByCode(code);
  return d ? { code: d.code, name: d.name, nameEn: d.nameEn } : null;
}

export function entityResolvers(clock: Clock): ResolverMap<Context> {
  const today = () => shanghaiDate(clock.now());
  const nextDue = async (e: Equipment, ctx: Context) =>
    (await ctx.loaders.inspections(1).load(e.code))[0]?.nextDueOn ?? null;

  return {
    Date: DateScalar as never,
    DateTime: DateTimeScalar as never,
    Equipment: {
      // Keys from the gateway that are not registration codes cannot be on record.
      __resolveReference: (ref: { code: string }, ctx: Context) =>
        parseRegistrationCode(ref.code).ok ? ctx.loaders.equipment.load(ref.code) : null,
      district: (e: Equipment) => districtValue(e.districtCode),
      userUnit: (e: Equipment) => ({ uscc: e.userUscc }),
      inspections: (e: Equipment, args: { last?: number | null }, ctx: Context) =>
        ctx.loaders.inspections(inspectionsLastArg(args.last)).load(e.code),
      nextInspectionDue: (e: Equipment, _: unknown, ctx: Context) => nextDue(e, ctx),
      inspectionOverdue: async (e: Equipment, _: unknown, ctx: Context) => {
        if (e.status !== 'IN_USE') return false;
        return ((await nextDue(e, ctx)) ?? '') < today();
      },
      hazards: (
        e: Equipment,
        args: { status?: Hazard['status'] | null; level?: Hazard['level'] | null },
        ctx: Context,
      ) => ctx.loaders.hazards(hazardFilterArg({ status: args.status, level: args.level }, today())).load(e.code),
    },
    Hazard: {
      equipment: (h: Hazard, _: unknown, ctx: Context) => ctx.loaders.equipment.load(h.equipmentCode),
      rectificationOverdue: (h: Hazard) =>
        OPEN_STATUSES.includes(h.status) && h.deadline !== null && h.deadline < today(),
    },
    District: {
      __resolveReference: (ref: { code: string }) => districtValue(ref.code),
      // Figures are counted once for the whole city; each caller reads only its districts' (common/districts.ts).
      equipmentStats: async (d: { code: string }, _: unknown, ctx: Context) => {
        if (!mayReadDistrict(ctx.caller, d.code)) throw outsideDistricts(`The figures of district ${d.code}`);
        const asOf = today();
        const counted = await ctx.loaders.districtStatistics.load(asOf);
        const s = counted.value.get(d.code)!;
        return {
          asOf,
          computedAt: counted.computedAt,
          equipmentInUse: s.equipmentInUse,
          elevatorsInUse: s.elevatorsInUse,
          inspectionsOverdue: s.inspectionsOverdue,
          inUseByCategory: Object.entries(s.inUseByCategory).map(([category, count]) => ({ category, count })),
          openHazards: s.openHazardsByLevel.GENERAL + s.openHazardsByLevel.MAJOR,
          openGeneralHazards: s.openHazardsByLevel.GENERAL,
          openMajorHazards: s.openHazardsByLevel.MAJOR,
          rectificationsOverdue: s.rectificationsOverdue,
          supervisedOpenHazards: s.supervisedOpenHazards,
          hazardsFoundLastYear: s.hazardsFoundLastYear,
          hazardsClosedLastYear: s.hazardsClosedLastYear,
          hazardClosureRate: s.hazardsFoundLastYear === 0 ? null : s.hazardsClosedLastYear / s.hazardsFoundLastYear,
        };
      },
    },
    Enterprise: {
      __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }),
      usedEquipment: async (ent: { uscc: string }, args: PageArgs, ctx: Context) => {
        const page = toPage(args);
        const result = await ctx.loaders.usedEquipment(page).load(ent.uscc);
        return toConnection(result.items, page, result.total);
      },
      hazards: async (ent: { uscc: string }, args: PageArgs & { filter?: HazardFilterInput | null }, ctx: Context) => {
        const page = toPage(args);
        const result = await ctx.loaders
          .enterpriseHazards({ filter: hazardFilterArg(args.filter, today()), page })
          .load(ent.uscc);
        return toConnection(result.items, page, result.total);
      },
    },
  };
}
