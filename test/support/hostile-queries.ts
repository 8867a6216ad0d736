/**
 * The hostile and careless operations the gateway must refuse at once, built as a client would send them:
 * for the tests that send them and the benchmark that times their refusal.
 */
import { getIntrospectionQuery } from 'graphql';

/**
 * `fragments` fragments, each spreading the next twice: a few hundred bytes that a walk expanding fragments
 * where they are spread visits 2^fragments times. The last fragment asks for the districts.
 */
export function doublingChain(fragments: number): string {
  const lines = ['query Chain { ...F0 }'];
  for (let i = 0; i < fragments - 1; i++) lines.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  lines.push(`fragment F${fragments - 1} on Query { districts { code name } }`);
  return lines.join('\n');
}

/** `aliases` aliases of a one-row equipment search asking only its total: each one a statement with a COUNT. */
export function aliasedSearch(aliases: number): string {
  const fields = Array.from({ length: aliases }, (_, i) => `s${i}: equipmentSearch(first: 1) { totalCount }`);
  return `query Aliased {\n${fields.join('\n')}\n}`;
}

/**
 * `aliases` aliases of a full schema introspection (the query GraphiQL sends), its body kept once in a
 * fragment on __Schema so the document stays small.
 */
export function aliasedIntrospection(aliases: number): string {
  const standard = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
  const open = standard.indexOf('__schema {') + '__schema '.length;
  let depth = 0;
  let close = open;
  for (; close < standard.length; close++) {
    if (standard[close] === '{') depth++;
    else if (standard[close] === '}' && --depth === 0) break;
  }
  const body = standard.slice(open, close + 1);
  const fragments = standard.slice(standard.indexOf('fragment '));
  const fields = Array.from({ length: aliases }, (_, i) => `i${i}: __schema { ...WholeSchema }`);
  return `query Introspection {\n${fields.join('\n')}\n}\nfragment WholeSchema on __Schema ${body}\n${fragments}`;
}
