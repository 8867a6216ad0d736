/** An audit trail held in memory, for tests that run a subgraph in process and read what it recorded. */
import { type AuditRecord, type AuditTrail, matchesAuditFilter } from '../../subgraphs/common/audit/trail.ts';

export function memoryAuditTrail(): AuditTrail & { readonly records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return {
    records,
    async append(record) {
      records.push(record);
    },
    async read(filter, page) {
      const matching = records.filter((r) => matchesAuditFilter(r, filter));
      return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
    },
    async close() {},
  };
}
