/**
 * Takes out of an operation every field its caller's scopes do not open, before the query planner
 * sees it, so no subgraph is asked for them; and records where each one was, so refill.ts can put a
 * null and a FORBIDDEN error in its place. One pass over the operation: each fragment is stripped once
 * and its marks shared by every spread of it, so the work is linear in the document.
 *
 * A selection emptied by the stripping keeps a `__typename` under a private alias (removed from the
 * answer). Where a fragment narrows an abstract type, `__typename` is asked under another private alias
 * so the refill knows which objects the fragment applied to.
 */
import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Scope } from '../../graph/caller.ts';
import type { ScopePolicy } from './policy.ts';

/** A field refused to the caller, at one place of the operation. */
export interface Refusal {
  readonly responseKey: string;
  readonly coordinate: string;
  readonly scope: Scope;
  /** Its @skip/@include, judged against the request's variables when refilling. */
  readonly directives: readonly DirectiveNode[];
}

/** What to do to each object a selection set produced: the refusals there, and where to look deeper. */
export interface Marks {
  readonly refusals: Refusal[];
  readonly fields: {
    readonly responseKey: string;
    readonly marks: Marks;
    readonly directives: readonly DirectiveNode[];
  }[];
  readonly fragments: {
    readonly marks: Marks;
    /** The object types the fragment applies to; undefined: every object here. */
    readonly onTypes: ReadonlySet<string> | undefined;
    readonly directives: readonly DirectiveNode[];
  }[];
  /** Private keys this selection added, deleted from the answer. */
  readonly added: string[];
}

export interface Stripped {
  readonly document: DocumentNode;
  readonly marks: Marks;
  /** The scopes refused, sorted: the stripped document depends on the original and these alone. */
  readonly refusedScopes: readonly Scope[];
}

const PLACEHOLDER_KEY = '_egScopePlaceholder';
export const TYPENAME_KEY = '_egScopeTypename';

/** The operation without the fields `scopes` do not open; undefined when it asks for none of them. */
export function stripForbidden(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  policy: ScopePolicy,
  scopes: ReadonlySet<Scope>,
): Stripped | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const refused = new Set<Scope>();
  const strippedFragments = new Map<string, { definition: FragmentDefinitionNode; marks: Marks | undefined }>();

  const fragment = (name: string) => {
    const done = strippedFragments.get(name);
    if (done) return done;
    const definition = fragments.get(name);
    const on = definition && schema.getType(definition.typeCondition.name.value);
    if (!definition || !on || !isCompositeType(on)) return undefined;
    // Validation has refused cycles of fragments; the entry is made before the descent all the same.
    const entry = { definition, marks: undefined as Marks | undefined };
    strippedFragments.set(name, entry);
    const inner = selectionSet(on, definition.selectionSet);
    entry.definition = { ...definition, selectionSet: inner.selectionSet };
    entry.marks = inner.marks;
    return entry;
  };

  const selectionSet = (
    parent: GraphQLCompositeType,
    set: SelectionSetNode,
  ): { selectionSet: SelectionSetNode; marks: Marks | undefined } => {
    const marks: Marks = { refusals: [], fields: [], fragments: [], added: [] };
    const kept: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const responseKey = selection.alias?.value ?? name;
        const coordinate = `${parent.name}.${name}`;
        const scope = policy.get(coordinate);
        if (scope !== undefined && !scopes.has(scope)) {
          refused.add(scope);
          marks.refusals.push({ responseKey, coordinate, scope, directives: selection.directives ?? [] });
          continue;
        }
        const child = definition && getNamedType(definition.type);
        if (!selection.selectionSet || !child || !isCompositeType(child)) {
          kept.push(selection);
          continue;
        }
        const inner = selectionSet(child, selection.selectionSet);
        kept.push({ ...selection, selectionSet: inner.selectionSet });
        if (inner.marks) marks.fields.push({ responseKey, marks: inner.marks, directives: selection.directives ?? [] });
      } else {
        const named = selection.kind === Kind.FRAGMENT_SPREAD ? fragment(selection.name.value) : undefined;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          kept.push(selection);
          if (named?.marks) {
            const onType = named.definition.typeCondition.name.value;
            marks.fragments.push({
              marks: named.marks,
              onTypes: narrowing(schema, parent, onType),
              directives: selection.directives ?? [],
            });
          }
          continue;
        }
        const onName = selection.typeCondition?.name.value;
        const on = onName ? schema.getType(onName) : parent;
        const inner = selectionSet(on && isCompositeType(on) ? on : parent, selection.selectionSet);
        kept.push({ ...selection, selectionSet: inner.selectionSet });
        if (inner.marks)
          marks.fragments.push({
            marks: inner.marks,
            onTypes: onName ? narrowing(schema, parent, onName) : undefined,
            directives: selection.directives ?? [],
          });
      }
    }
    if (marks.fragments.some((f) => f.onTypes !== undefined)) {
      kept.push(typename(TYPENAME_KEY));
      marks.added.push(TYPENAME_KEY);
    }
    if (kept.length === 0) {
      kept.push(typename(PLACEHOLDER_KEY));
      marks.added.push(PLACEHOLDER_KEY);
    }
    const empty = marks.refusals.length + marks.fields.length + marks.fragments.length + marks.added.length === 0;
    return { selectionSet: { ...set, selections: kept }, marks: empty ? undefined : marks };
  };

  const top = selectionSet(root, operation.selectionSet);
  if (!top.marks) return undefined;
  return {
    document: {
      ...document,
      definitions: [
        { ...operation, selectionSet: top.selectionSet },
        ...[...strippedFragments.values()].map((f) => f.definition),
      ],
    },
    marks: top.marks,
    refusedScopes: [...refused].sort(),
  };
}

/** The object types a fragment on `typeCondition` applies to, when fewer than all those `parent` may be. */
function narrowing(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  typeCondition: string,
): ReadonlySet<string> | undefined {
  if (!isAbstractType(parent) || typeCondition === parent.name) return undefined;
  const on = schema.getType(typeCondition);
  if (!on || !isCompositeType(on)) return undefined;
  return new Set(isAbstractType(on) ? schema.getPossibleTypes(on).map((t) => t.name) : [on.name]);
}

function typename(alias: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: '__typename' },
  };
}
