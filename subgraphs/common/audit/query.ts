/** `auditEvents`: the audit trail in the graph (its scope, audit:read, is enforced at the gateway from the SDL). */
import type { ResolverMap } from '../resolver-map.ts';
import { type PageArgs, toConnection, toPage } from '../connection.ts';
import type { SubgraphContext } from '../context.ts';
import type { AuditFilter } from './trail.ts';

interface AuditFilterInput {
  subject?: string | null;
  client?: string | null;
  operationName?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function auditFilter(input: AuditFilterInput | null | undefined): AuditFilter {
  const f = input ?? {};
  return {
    ...(f.subject != null ? { subject: f.subject } : {}),
    ...(f.client != null ? { client: f.client } : {}),
    ...(f.operationName != null ? { operationName: f.operationName } : {}),
    ...(f.from != null ? { from: f.from.toISOString() } : {}),
    ...(f.to != null ? { to: f.to.toISOString() } : {}),
  };
}

export function auditQueryResolvers<L>(): ResolverMap<SubgraphContext<L>> {
  return {
    Query: {
      async auditEvents(_: unknown, args: PageArgs & { filter?: AuditFilterInput | null }, ctx: SubgraphContext<L>) {
        const page = toPage(args);
        // A subgraph without a trail has revealed nothing: its trail is empty.
        const found = ctx.audit ? await ctx.audit.read(auditFilter(args.filter), page) : { items: [], total: 0 };
        return toConnection(found.items, page, found.total);
      },
    },
  };
}
