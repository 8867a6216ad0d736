/**
 * Resolvers of the credit subgraph: the port only, through the per-request loaders; identifiers
 * validated (malformed → BAD_USER_INPUT, unknown → null); the legal representative masked.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { CreditPort } from '../../adapters/credit/port.ts';
import {
  type CreditList,
  type CreditProfile,
  type Enterprise,
  type EnterpriseFilter,
  type PageRequest,
  RISK_CLASSES,
  type RiskClassCounts,
  type Slice,
} from '../../adapters/credit/types.ts';
import type { Clock } from '../../runtime/clock.ts';
import { usccArg } from '../common/arguments.ts';
import { mayReadDistrict, outsideDistricts } from '../common/districts.ts';
import { type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { CountedFigures } from '../common/counted-figures.ts';
import { DateScalar, DateTimeScalar } from '../common/scalars.ts';
import type { SubgraphContext } from '../common/context.ts';
import { type FilterInput, filterArg, reportYearArg } from './arguments.ts';
import type { CreditLoaders } from './loaders.ts';

type Ctx = SubgraphContext<CreditLoaders>;
type ListArgs = PageArgs & { readonly filter?: FilterInput | null };

async function enterpriseConnection(
  ctx: Ctx,
  args: ListArgs,
  fetch: (filter: EnterpriseFilter, page: PageRequest) => Promise<Slice<Enterprise>>,
) {
  const filter = filterArg(args.filter);
  const page = toPage(args);
  const slice = await fetch(filter, page);
  // Nested fields of these enterprises must not ask the store for them again.
  for (const e of slice.items) ctx.loaders.enterprise.prime(e.uscc, e);
  return toConnection(slice.items, page, slice.total);
}

export function creditResolvers(deps: {
  adapter: CreditPort;
  clock: Clock;
  statistics: CountedFigures<Map<string, RiskClassCounts>>;
}): ResolverMap<Ctx> {
  const { adapter, clock, statistics } = deps;
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      enterprise: (_: unknown, args: { uscc: string }, ctx: Ctx) => ctx.loaders.enterprise.load(usccArg(args.uscc)),
      enterpriseSearch: (_: unknown, args: ListArgs, ctx: Ctx) =>
        enterpriseConnection(ctx, args, (f, p) => adapter.searchEnterprises(f, p)),
      enterprisesMissingAnnualReport: (_: unknown, args: ListArgs & { year: number }, ctx: Ctx) => {
        const year = reportYearArg(args.year, clock);
        return enterpriseConnection(ctx, args, (f, p) => adapter.enterprisesMissingAnnualReport(year, f, p));
      },
      enterprisesOnCreditList: (_: unknown, args: ListArgs & { list: CreditList }, ctx: Ctx) =>
        enterpriseConnection(ctx, args, (f, p) => adapter.enterprisesOnList(args.list, f, p)),
      creditDataFreshness: () => adapter.freshness(),
    },
    Enterprise: {
      // A reference from another subgraph with an unknown USCC resolves to the bare key: its register fields are null.
      __resolveReference: async (ref: { uscc: string }, ctx: Ctx) =>
        (await ctx.loaders.enterprise.load(ref.uscc)) ?? { uscc: ref.uscc },
      district: (e: Partial<Enterprise>) => (e.districtCode ? { code: e.districtCode } : null),
      credit: (e: Partial<Enterprise> & { uscc: string }, _: unknown, ctx: Ctx) =>
        ctx.loaders.creditProfile.load(e.uscc),
    },
    District: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      // A district's figure, like every district figure, only for the caller's districts (common/districts.ts).
      creditStatistics: async (d: { code: string }, _: unknown, ctx: Ctx) => {
        if (!mayReadDistrict(ctx.caller, d.code)) throw outsideDistricts(`The figures of district ${d.code}`);
        const counted = await statistics.get('all');
        const byClass = counted.value.get(d.code) ?? { A: 0, B: 0, C: 0, D: 0 };
        return {
          computedAt: counted.computedAt,
          classifiedEnterprises: RISK_CLASSES.reduce((sum, c) => sum + byClass[c], 0),
          enterprisesByRiskClass: RISK_CLASSES.map((riskClass) => ({ riskClass, count: byClass[riskClass] })),
        };
      },
    },
    CreditProfile: {
      abnormalOperations: (p: CreditProfile) => p.abnormalListings,
      onAbnormalList: (p: CreditProfile) => p.abnormalListings.some((l) => l.removedOn === null),
      seriousViolation: (p: CreditProfile) => p.seriousViolations.find((v) => v.removedOn === null) ?? null,
    },
  };
}
