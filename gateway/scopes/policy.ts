/**
 * Which scope each field needs, read once from the supergraph: our own `@scope(requires: "…")`
 * directive, kept through composition with `@composeDirective` (schema/common.graphql). Two rules are
 * checked here, so the gateway does not start on a supergraph that breaks them: every scope is on the
 * closed list (graph/caller.ts), and every scoped field is nullable, so that a field refused to a
 * caller is null with an error while the rest of the answer is served.
 */
import { Kind, parse, type TypeNode } from 'graphql';
import { type Scope, SCOPES } from '../../graph/caller.ts';

/** Scope needed by `Type.field`. */
export type ScopePolicy = ReadonlyMap<string, Scope>;

const DIRECTIVE = 'scope';

export function readScopePolicy(supergraphSdl: string): ScopePolicy {
  const policy = new Map<string, Scope>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === DIRECTIVE);
      if (!directive) continue;
      const coordinate = `${definition.name.value}.${field.name.value}`;
      const argument = directive.arguments?.find((a) => a.name.value === 'requires')?.value;
      const scope = argument?.kind === Kind.STRING ? argument.value : undefined;
      if (scope === undefined || !(SCOPES as readonly string[]).includes(scope))
        throw new Error(`${coordinate}: @scope(requires: ${scope ?? '?'}) is not one of ${SCOPES.join(', ')}`);
      if (isNonNull(field.type))
        throw new Error(`${coordinate}: a field with @scope must be nullable, so that refusing it spares the rest`);
      policy.set(coordinate, scope as Scope);
    }
  }
  return policy;
}

function isNonNull(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE;
}
