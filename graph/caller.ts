/**
 * Who is asking, as every layer sees it: the gateway resolves a request's credentials to a Caller,
 * forwards it to the subgraphs, and resolvers and adapters take their decisions from it alone.
 */

/**
 * The closed list of scopes (docs/graph-guide.md, "Callers"). Read scopes open parts of the graph;
 * personal data and the audit trail are opened apart, never by default.
 */
export const SCOPES = [
  // Equipment registry, inspections, hazards, maintenance, alarms and every figure counted from them.
  'equipment:read',
  // Enterprise register, licences and operator certificates (holders' personal data masked).
  'enterprise:read',
  // Credit classes, penalties, abnormal-operation and serious-violation lists, annual reports.
  'credit:read',
  // Cross-system findings: work without a valid licence, certificate lending, missing annual reports.
  'supervision:read',
  // Unmasked ID numbers, phone numbers and names of private persons; every read is audited.
  'personal-data:read',
  // The audit trail of personal-data reads.
  'audit:read',
] as const;
export type Scope = (typeof SCOPES)[number];

/** What an anonymous caller may read where anonymous callers are allowed at all. */
export const READ_SCOPES: readonly Scope[] = ['equipment:read', 'enterprise:read', 'credit:read', 'supervision:read'];

export interface Caller {
  /** The token's subject, `client:<name>` for a partner's API key, or `anonymous`. */
  readonly subject: string;
  /** The partner client's name when the caller came with an API key. */
  readonly client: string | undefined;
  readonly scopes: ReadonlySet<Scope>;
  /** District codes this caller is limited to (属地监管); undefined means the whole city. */
  readonly districts: readonly string[] | undefined;
}

export const ANONYMOUS: Caller = Object.freeze({
  subject: 'anonymous',
  client: undefined,
  scopes: new Set(READ_SCOPES),
  districts: undefined,
});

export function mayReadPersonalData(caller: Caller): boolean {
  return caller.scopes.has('personal-data:read');
}
