/**
 * The deadline a request brings to a subgraph: `x-deadline`, epoch milliseconds, set by the gateway
 * from its own request deadline. Read in this one function so its source can change (a signed header
 * carrying the caller and the deadline) without touching the server. A request that brings none, or
 * one further away than the subgraph allows, gets the subgraph's own limit: a caller cannot buy
 * itself unbounded time by calling a subgraph directly.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function requestDeadline(headers: IncomingHttpHeaders, now: number, maxMs: number): number {
  const latest = now + maxMs;
  const raw = headers['x-deadline'];
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : undefined;
  return value === undefined ? latest : Math.min(value, latest);
}
