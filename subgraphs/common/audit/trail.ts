/**
 * The audit trail of personal-data reads: one record per request that revealed any `@pii` field unmasked
 * (personal-data.ts notes the reveals, the subgraph server writes the record when the answer leaves).
 * Append-only: records are added, never changed or removed. Stored in PostgreSQL when configured
 * (pg-store.ts), else as JSON lines in the data folder (file-store.ts); read in the graph by callers
 * holding `audit:read` (`auditEvents`) and exported by `npm run audit`.
 */

/** The fields of one entity a request read unmasked. */
export interface AuditReveal {
  /** The entity's type, e.g. OperatorCertificate. */
  readonly type: string;
  /** Its key as `field=value` pairs of its `@key`, e.g. `number=TS3101…`. */
  readonly key: string;
  readonly fields: readonly string[];
}

export interface AuditRecord {
  /** ISO 8601 instant the answer left. */
  readonly at: string;
  readonly subject: string;
  readonly client: string | null;
  readonly requestId: string;
  /** The caller's operation as the gateway received it: its name and the SHA-256 (hex) of its text. */
  readonly operationName: string | null;
  readonly operationHash: string | null;
  /** The subgraph that served the data. */
  readonly subgraph: string;
  readonly revealed: readonly AuditReveal[];
}

export interface AuditFilter {
  readonly subject?: string;
  readonly client?: string;
  readonly operationName?: string;
  /** ISO instants, inclusive from, exclusive to. */
  readonly from?: string;
  readonly to?: string;
}

interface AuditPage {
  readonly offset: number;
  readonly limit: number;
}

export interface AuditTrail {
  append(record: AuditRecord): Promise<void>;
  /** Records matching the filter, oldest first, one page of them, and how many match. */
  read(filter: AuditFilter, page: AuditPage): Promise<{ items: AuditRecord[]; total: number }>;
  close(): Promise<void>;
}

export function matchesAuditFilter(record: AuditRecord, filter: AuditFilter): boolean {
  const at = Date.parse(record.at);
  return (
    (filter.subject === undefined || record.subject === filter.subject) &&
    (filter.client === undefined || record.client === filter.client) &&
    (filter.operationName === undefined || record.operationName === filter.operationName) &&
    (filter.from === undefined || at >= Date.parse(filter.from)) &&
    (filter.to === undefined || at < Date.parse(filter.to))
  );
}
