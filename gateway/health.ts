/**
 * GET /health: the process lives. GET /ready: every subgraph answers a trivial query in time; 503
 * with the failing subgraphs named otherwise (a load balancer takes the replica out of rotation).
 */
import type { Route } from '../runtime/apollo-http.ts';
import { sendJson } from '../runtime/apollo-http.ts';

export function healthRoute(): Route {
  return (req, res, url) => {
    if (url.pathname !== '/health' || req.method !== 'GET') return false;
    sendJson(res, 200, { status: 'ok' });
    return true;
  };
}

/** `sign`: the signed caller header for a probe's body (subgraphs answer the gateway only). */
export function readyRoute(
  subgraphs: () => ReadonlyMap<string, string>,
  timeoutMs: number,
  sign: (body: string) => Record<string, string>,
): Route {
  return async (req, res, url) => {
    if (url.pathname !== '/ready' || req.method !== 'GET') return false;
    const checks = await Promise.all(
      [...subgraphs()].map(async ([name, subgraphUrl]) => [name, await probe(subgraphUrl, timeoutMs, sign)] as const),
    );
    const ready = checks.length > 0 && checks.every(([, status]) => status === 'ok');
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
    return true;
  };
}

const PROBE = JSON.stringify({ query: 'query Ready { __typename }' });

async function probe(url: string, timeoutMs: number, sign: (body: string) => Record<string, string>): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign(PROBE) },
      body: PROBE,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return `HTTP ${response.status}`;
    const body = (await response.json()) as { data?: { __typename?: string } };
    return body.data?.__typename === 'Query' ? 'ok' : 'unexpected answer';
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
  }
}
