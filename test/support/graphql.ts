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
