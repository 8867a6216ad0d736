/**
 * The deadline a request brings to a subgraph: the one the gateway signed into its caller header
 * (graph/gateway-signature.ts), epoch milliseconds. A request that brings none (an unchecked
 * benchmark run), or one further away than the subgraph allows, gets the subgraph's own limit: a
 * caller cannot buy itself unbounded time.
 */
export function requestDeadline(signed: number | undefined, now: number, maxMs: number): number {
  const latest = now + maxMs;
  return signed === undefined || !Number.isFinite(signed) ? latest : Math.min(signed, latest);
}
