/** Posts one GraphQL operation and returns the parsed answer: for tests and measurement scripts. */
export async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: any; errors?: any[]; extensions?: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[]; extensions?: any };
}

/** Posts one operation and returns the HTTP status, headers and answer, with the first error's extensions. */
export async function postForAnswer(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: any; errors?: any[] };
  extensions?: Record<string, unknown>;
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: any[] };
  return { status: response.status, headers: response.headers, body, extensions: body.errors?.[0]?.extensions };
}
