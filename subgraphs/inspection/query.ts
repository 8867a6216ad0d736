/** Root fields of the inspection subgraph: lookups by identifier, districts, equipment search and hazard lists. */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import { currentDistrict } from '../../reference/index.ts';
import { districtsWithin, mayReadDistrict, outsideDistricts, visibleDistrictCodes } from '../common/districts.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { districtArg, registrationCodeArg } from '../common/arguments.ts';
import type { SubgraphContext } from '../common/context.ts';
import { toConnection, toPage } from '../common/connection.ts';
import { type EquipmentSearchInput, type HazardFilterInput, equipmentFilterArg, hazardFilterArg } from './arguments.ts';
import type { InspectionLoaders } from './loaders.ts';
import { districtValue } from './resolvers.ts';

type Context = SubgraphContext<InspectionLoaders>;
type PageArgs = { first?: number | null; after?: string | null };

const WELL_FORMED_DISTRICT = /^\d{6}$/;

export function queryResolvers(port: InspectionPort, clock: Clock): ResolverMap<Context> {
  const today = () => shanghaiDate(clock.now());
  return {
    Query: {
      equipment: (_: unknown, args: { code: string }, ctx: Context) =>
        ctx.loaders.equipment.load(registrationCodeArg(args.code)),
      // Only the caller's districts (the whole city for a caller not limited to some).
      districts: (_: unknown, __: unknown, ctx: Context) => visibleDistrictCodes(ctx.caller).map(districtValue),
      // A well-formed GB/T 2260 code outside Shanghai is simply not one of ours: null, not an error.
      district: (_: unknown, args: { code: string }, ctx: Context) => {
        if (WELL_FORMED_DISTRICT.test(args.code) && !currentDistrict(args.code)) return null;
        const code = districtArg(args.code, 'code');
        if (!mayReadDistrict(ctx.caller, code)) throw outsideDistricts(`District ${code}`);
        return districtValue(code);
      },
      equipmentSearch: async (_: unknown, args: PageArgs & { filter?: EquipmentSearchInput | null }, ctx: Context) => {
        const page = toPage(args);
        const filter = { ...equipmentFilterArg(args.filter, today()), within: districtsWithin(ctx.caller) };
        const result = await port.searchEquipment(filter, page);
        return toConnection(result.items, page, result.total);
      },
      hazards: async (_: unknown, args: PageArgs & { filter?: HazardFilterInput | null }, ctx: Context) => {
        const page = toPage(args);
        const filter = { ...hazardFilterArg(args.filter, today()), within: districtsWithin(ctx.caller) };
        const result = await port.searchHazards(filter, page);
        return toConnection(result.items, page, result.total);
      },
    },
  };
}
