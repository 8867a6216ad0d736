/** Entity and object resolvers of the permit subgraph: the port only, through per-request loaders. */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { Licence, LicenceStatus, LicenceType, OperatorCertificate } from '../../adapters/permit/types.ts';
import { CERTIFICATE_ITEMS, validateCertificateNumber } from '../../reference/index.ts';
import { type Clock, daysBetween, shanghaiDate } from '../../runtime/clock.ts';
import { usccArg } from '../common/arguments.ts';
import type { SubgraphContext } from '../common/context.ts';
import { DateScalar } from '../common/scalars.ts';
import type { PermitLoaders } from './loaders.ts';

type Ctx = SubgraphContext<PermitLoaders>;

type CertificateStatus = 'NOT_YET_VALID' | 'VALID' | 'SUSPENDED' | 'EXPIRED';

/** A certificate's status on a day: in force between issue and expiry (both in), unless suspended (暂扣) that day. */
function certificateStatus(c: OperatorCertificate, day: string): CertificateStatus {
  if (day < c.issuedOn) return 'NOT_YET_VALID';
  if (day > c.expiresOn) return 'EXPIRED';
  return c.suspension && c.suspension.from <= day && day <= c.suspension.until ? 'SUSPENDED' : 'VALID';
}

export function permitResolvers(clock: Clock): ResolverMap<Ctx> {
  const today = () => shanghaiDate(clock.now());

  return {
    Date: DateScalar,
    Enterprise: {
      __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }),
      async licences(
        e: { uscc: string },
        args: { status?: LicenceStatus | null; type?: LicenceType | null },
        ctx: Ctx,
      ) {
        const all = await ctx.loaders.licences.load(usccArg(e.uscc));
        return all.filter(
          (l) => (args.status == null || l.status === args.status) && (args.type == null || l.type === args.type),
        );
      },
      async spotChecks(e: { uscc: string }, _: unknown, ctx: Ctx) {
        const checks = await ctx.loaders.spotChecks.load(usccArg(e.uscc));
        return [...checks].sort((a, b) => b.checkedOn.localeCompare(a.checkedOn));
      },
    },
    Licence: {
      holder: (l: Licence) => ({ uscc: l.holderUscc }),
      daysUntilExpiry: (l: Licence) => daysBetween(today(), l.expiresOn),
    },
    OperatorCertificate: {
      // A malformed number cannot be on record: null, without asking the permit system.
      __resolveReference: (ref: { number: string }, ctx: Ctx) =>
        validateCertificateNumber(ref.number).ok ? ctx.loaders.certificate.load(ref.number) : null,
      itemName: (c: OperatorCertificate) => CERTIFICATE_ITEMS[c.item] ?? null,
      employer: (c: OperatorCertificate) => ({ uscc: c.employerUscc }),
      status: (c: OperatorCertificate) => certificateStatus(c, today()),
      valid: (c: OperatorCertificate) => certificateStatus(c, today()) === 'VALID',
      suspendedFrom: (c: OperatorCertificate) => c.suspension?.from ?? null,
      suspendedUntil: (c: OperatorCertificate) => c.suspension?.until ?? null,
    },
  };
}
