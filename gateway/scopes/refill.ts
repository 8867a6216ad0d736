/**
 * Puts back, in an answer to a stripped operation (strip.ts), a null for each refused field at every
 * place it was asked for (each item of a list included), one FORBIDDEN error naming the scope per
 * place in the operation, and removes the private keys the stripping added. Only the objects on paths
 * that hold a mark are visited.
 *
 * An error's path is the field's place in the operation, with `@` for every item of a list (as Apollo
 * Router reports refused fields): a page of 100 items yields one error, not 100, so errors stay bounded
 * by the operation's size rather than the answer's.
 */
import {
  type DirectiveNode,
  getDirectiveValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
} from 'graphql';
import type { Marks, Refusal } from './strip.ts';
import { TYPENAME_KEY } from './strip.ts';

type Path = readonly string[];
type Variables = Readonly<Record<string, unknown>>;

/** Refills `data` in place; returns the errors to add to the answer. */
export function refill(
  data: Record<string, unknown> | null | undefined,
  marks: Marks,
  variables: Variables,
): GraphQLError[] {
  const errors = new Map<string, GraphQLError>();
  // The private keys of an object are deleted once every mark on it is applied: fragments read one.
  const visit = (object: Record<string, unknown>, set: Marks, path: Path) => {
    const added: string[] = [];
    apply(object, set, path, added);
    for (const key of added) delete object[key];
  };
  const apply = (object: Record<string, unknown>, set: Marks, path: Path, added: string[]) => {
    for (const refusal of set.refusals) {
      if (!included(refusal.directives, variables)) continue;
      object[refusal.responseKey] = null;
      const at = [...path, refusal.responseKey];
      const key = at.join('.');
      if (!errors.has(key)) errors.set(key, forbidden(refusal, at));
    }
    for (const field of set.fields)
      if (included(field.directives, variables))
        descend(object[field.responseKey], field.marks, [...path, field.responseKey]);
    for (const fragment of set.fragments) {
      if (!included(fragment.directives, variables)) continue;
      if (fragment.onTypes && !fragment.onTypes.has(String(object[TYPENAME_KEY]))) continue;
      apply(object, fragment.marks, path, added);
    }
    added.push(...set.added);
  };
  const descend = (value: unknown, set: Marks, path: Path) => {
    if (Array.isArray(value)) {
      const items = [...path, '@'];
      for (const item of value) descend(item, set, items);
    } else if (typeof value === 'object' && value !== null) visit(value as Record<string, unknown>, set, path);
  };
  if (data) visit(data, marks, []);
  return [...errors.values()];
}

function forbidden(refusal: Refusal, path: Path): GraphQLError {
  return new GraphQLError(`${refusal.coordinate} needs the scope ${refusal.scope}, which this caller does not have`, {
    path,
    extensions: { code: 'FORBIDDEN', scope: refusal.scope, field: refusal.coordinate },
  });
}

/** Whether @skip/@include let a selection through with these variables. */
function included(directives: readonly DirectiveNode[], variables: Variables): boolean {
  if (directives.length === 0) return true;
  const node = { directives };
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}
