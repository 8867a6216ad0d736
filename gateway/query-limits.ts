/**
 * Limits on what one operation may ask, checked after parsing and before any subgraph is called: a
 * query nested too deep, or one whose estimated size is too large, is refused with QUERY_TOO_COMPLEX
 * instead of fanning out over the legacy systems. The size estimate counts every selected field once
 * per item it can be asked for: every field below a field with `first: 100` counts 100 times (the
 * schema default of `first`, or of `last`, when the argument is not given), so paging inside paging
 * multiplies; lists without a page size (the 16 districts) count once. Fragments are expanded where they are spread.
 * Introspection is not counted: whether it
 * is allowed at all is configured separately.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  valueFromAST,
  type GraphQLCompositeType,
} from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields (a root field is depth 1). */
  readonly maxDepth: number;
  /** Largest estimated number of field values one answer may hold. */
  readonly maxCost: number;
}

export interface QueryMeasure {
  readonly depth: number;
  readonly cost: number;
}

const PAGE_ARGUMENTS = ['first', 'last'];

/** Depth and estimated size of an operation's selection over the schema. */
export function measureSelection(
  schema: GraphQLSchema,
  rootType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): QueryMeasure {
  const visit = (
    type: GraphQLCompositeType,
    set: SelectionSetNode,
    multiplier: number,
    depth: number,
    spreads: readonly string[],
  ): QueryMeasure => {
    let deepest = depth;
    let cost = 0;
    for (const selection of set.selections) {
      let inner: QueryMeasure;
      if (selection.kind === 'Field') {
        if (selection.name.value.startsWith('__')) continue;
        inner = visitField(type, selection, multiplier, depth + 1, spreads);
      } else {
        const fragment = selection.kind === 'FragmentSpread' ? fragments[selection.name.value] : selection;
        if (!fragment || (selection.kind === 'FragmentSpread' && spreads.includes(selection.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        const on = condition && isCompositeType(condition) ? condition : type;
        inner = visit(
          on,
          fragment.selectionSet,
          multiplier,
          depth,
          selection.kind === 'FragmentSpread' ? [...spreads, selection.name.value] : spreads,
        );
      }
      deepest = Math.max(deepest, inner.depth);
      cost += inner.cost;
    }
    return { depth: deepest, cost };
  };

  const visitField = (
    parent: GraphQLCompositeType,
    node: FieldNode,
    multiplier: number,
    depth: number,
    spreads: readonly string[],
  ): QueryMeasure => {
    const definition =
      isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    const cost = multiplier;
    if (!node.selectionSet || !definition) return { depth, cost };
    const child = getNamedType(definition.type);
    if (!isCompositeType(child)) return { depth, cost };
    const inner = visit(child, node.selectionSet, multiplier * pageSize(definition, node, variables), depth, spreads);
    return { depth: inner.depth, cost: cost + inner.cost };
  };

  return visit(rootType, selectionSet, 1, 0, []);
}

/** The page size a field asks for: its `first`/`last` argument, else the schema's default, else 1. */
function pageSize(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  for (const name of PAGE_ARGUMENTS) {
    const argument = definition.args.find((a) => a.name === name);
    if (!argument) continue;
    const given = node.arguments?.find((a) => a.name.value === name);
    const value = given
      ? valueFromAST(given.value, argument.type, variables as Record<string, unknown>)
      : argument.defaultValue;
    if (typeof value === 'number' && value > 0) return value;
  }
  return 1;
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          const rootType = operation && schema.getRootType(operation.operation);
          if (!operation || !rootType) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
              .map((d) => [d.name.value, d]),
          );
          // With the operation's own variable defaults applied; variables that do not coerce fail execution anyway.
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return;
          const measure = measureSelection(schema, rootType, operation.selectionSet, fragments, coerced.coerced);
          if (measure.depth > limits.maxDepth) {
            throw tooComplex(
              `Query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}.`,
              measure,
              limits,
            );
          }
          if (measure.cost > limits.maxCost) {
            throw tooComplex(
              `Query could return about ${measure.cost} field values; the limit is ${limits.maxCost}. Ask for smaller pages (first) or fewer nested lists.`,
              measure,
              limits,
            );
          }
        },
      };
    },
  };
}

function tooComplex(message: string, measure: QueryMeasure, limits: QueryLimits): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'QUERY_TOO_COMPLEX',
      depth: measure.depth,
      cost: measure.cost,
      maxDepth: limits.maxDepth,
      maxCost: limits.maxCost,
      http: { status: 400 },
    },
  });
}
