import { signedHeaders } from './callers.ts';

/**
 * Posts one GraphQL operation and returns the parsed answer: for tests and measurement scripts. The
 * request is signed as the gateway signs an anonymous caller's fetches (test secret), so it may go
 * straight to a test's subgraph too; a gateway ignores the header.
 */
export async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data?: any; errors?: any[] }> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, { method: 'POST', headers: { ...signedHeaders(body), ...headers }, body });
  return (await res.json()) as { data?: any; errors?: any[] };
}
