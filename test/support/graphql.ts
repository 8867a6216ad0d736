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
): Promise<{ data?: any; errors?: any[]; extensions?: any }> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, { method: 'POST', headers: { ...signedHeaders(body), ...headers }, body });
  return (await res.json()) as { data?: any; errors?: any[]; extensions?: any };
}

/** Posts one operation and returns the HTTP status, headers and answer, with the first error's extensions. */
export async function postForAnswer(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: any; errors?: any[] };
  extensions?: Record<string, unknown>;
}> {
  const payload = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...signedHeaders(payload), ...headers },
    body: payload,
  });
  const body = (await response.json()) as { data?: any; errors?: any[] };
  return { status: response.status, headers: response.headers, body, extensions: body.errors?.[0]?.extensions };
}
