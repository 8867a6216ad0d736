/** Root fields of the inspection subgraph: lookups by identifier, districts, equipment search and hazard lists. */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { InspectionPort } from '../../adapters/inspection/port.ts';
import { DISTRICTS, currentDistrict } from '../../reference/index.ts';
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
      districts: () => DISTRICTS.map((d) => districtValue(d.code)),
      // A well-formed GB/T 2260 code outside Shanghai is simply not one of ours: null, not an error.
      district: (_: unknown, args: { code: string }) =>
        WELL_FORMED_DISTRICT.test(args.code) && !currentDistrict(args.code)
          ? null
          : districtValue(districtArg(args.code, 'code')),
      equipmentSearch: async (_: unknown, args: PageArgs & { filter?: EquipmentSearchInput | null }) => {
        const page = toPage(args);
        const result = await port.searchEquipment(equipmentFilterArg(args.filter, today()), page);
        return toConnection(result.items, page, result.total);
      },
      hazards: async (_: unknown, args: PageArgs & { filter?: HazardFilterInput | null }) => {
        const page = toPage(args);
        const result = await port.searchHazards(hazardFilterArg(args.filter, today()), page);
        return toConnection(result.items, page, result.total);
      },
    },
  };
}
