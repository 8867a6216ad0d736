/**
 * Equal values as one: a build that parses a city's pages gets every repeated string (a registration
 * code, a date, a company's USCC) as its own copy, and keeps a million of them. Sharing gives each
 * distinct value once; the table it keeps for that is the build's own and goes with it.
 */

/**
 * Equal values by their key: primitives as they are, nested objects (plain data, one shape per use) by
 * their JSON.
 */
export const keyOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : value;

/** A function giving, for each value, the first equal one it was given (values are read-only). */
export function valueSharer<V>(): (value: V) => V {
  const seen = new Map<unknown, V>();
  return (value) => {
    const key = keyOf(value);
    const known = seen.get(key);
    if (known !== undefined) return known;
    seen.set(key, value);
    return value;
  };
}
