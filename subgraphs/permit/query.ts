/**
 * Root fields of the permit subgraph: lookups through the loaders, searches pushed into the service's paged operation.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { PermitPort } from '../../adapters/permit/port.ts';
import type { LicenceFilter, LicenceStatus, LicenceType } from '../../adapters/permit/types.ts';
import { type Clock, addDays, shanghaiDate } from '../../runtime/clock.ts';
import { certificateNumberArg, districtArg } from '../common/arguments.ts';
import { type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import { idNumberArg, requirePersonalDataRight, withinDaysArg } from './arguments.ts';
import type { PermitLoaders } from './loaders.ts';

type Ctx = SubgraphContext<PermitLoaders>;

interface LicenceFilterArgs {
  readonly type?: LicenceType | null;
  readonly status?: LicenceStatus | null;
  readonly district?: string | null;
  readonly expiresFrom?: string | null;
  readonly expiresTo?: string | null;
}

export function queryResolvers(port: PermitPort, clock: Clock): ResolverMap<Ctx> {
  async function licences(filter: LicenceFilter, args: PageArgs) {
    const page = toPage(args);
    const slice = await port.searchLicences(filter, page);
    return toConnection(slice.items, page, slice.total);
  }

  return {
    Query: {
      operatorCertificate: (_: unknown, args: { number: string }, ctx: Ctx) =>
        ctx.loaders.certificate.load(certificateNumberArg(args.number)),
      operatorCertificatesOfHolder(_: unknown, args: { idNumber: string }, ctx: Ctx) {
        requirePersonalDataRight(ctx.caller, 'operatorCertificatesOfHolder');
        return ctx.loaders.holderCertificates.load(idNumberArg(args.idNumber));
      },
      licencesExpiring(
        _: unknown,
        args: PageArgs & { withinDays: number; district?: string | null; type?: LicenceType | null },
      ) {
        const today = shanghaiDate(clock.now());
        return licences(
          {
            status: 'VALID',
            type: args.type ?? undefined,
            district: args.district == null ? undefined : districtArg(args.district),
            expiresFrom: today,
            expiresTo: addDays(today, withinDaysArg(args.withinDays)),
          },
          args,
        );
      },
      licenceSearch(_: unknown, args: PageArgs & { filter?: LicenceFilterArgs | null }) {
        const f = args.filter ?? {};
        return licences(
          {
            type: f.type ?? undefined,
            status: f.status ?? undefined,
            district: f.district == null ? undefined : districtArg(f.district, 'filter.district'),
            expiresFrom: f.expiresFrom ?? undefined,
            expiresTo: f.expiresTo ?? undefined,
          },
          args,
        );
      },
    },
  };
}
