/**
 * Depth, cost, aliases and introspection of one operation, measured in one walk linear in the document: a
 * fragment is measured once (per way its parent sizes it, a number the schema bounds) and its measure reused
 * wherever it is spread, so a fragment spreading the next one twice costs the walk two visits, not 2^n. A
 * fragment cycle (invalid GraphQL, refused by validation) counts as empty rather than looping.
 *
 * The cost model is Apollo Router's demand control (the IBM cost directive specification): a field costs, per
 * instance, its `@cost` weight (by default 1 for an object, 0 for a scalar or enum) plus the cost of its
 * selections; a list field has as many instances as its `@listSize` says (the value of a slicing argument such
 * as `first`, or `assumedSize`), or DEFAULT_LIST_SIZE; with `sizedFields`, the size applies to the named fields
 * of the object returned (a connection's nodes and edges). Fields merged by execution (the same field asked
 * twice, a fragment spread twice) are counted each time: an upper bound, never an underestimate.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type ValueNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import type { DemandModel, ListSize } from './demand.ts';

/** Instances of a list field that says nothing of its size. */
export const DEFAULT_LIST_SIZE = 10;

export interface QueryMeasure {
  /** Deepest nesting of fields outside introspection; a root field is depth 1. */
  readonly depth: number;
  /** Estimated cost (see above); may be fractional (introspection lists are sized by averages) or Infinity. */
  readonly cost: number;
  /** Aliased fields, those of a fragment counted each time it is spread. */
  readonly aliases: number;
  /** `__schema` and `__type` fields. */
  readonly introspectionFields: number;
  /** Deepest nesting inside an introspection field, counting it. */
  readonly introspectionDepth: number;
  /** Selections the walk visited: linear in the document whatever its fragments do. */
  readonly visits: number;
}

export interface OperationToMeasure {
  readonly schema: GraphQLSchema;
  readonly demand: DemandModel;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The request's variables as sent (a slicing argument may come from one). */
  readonly variables: Readonly<Record<string, unknown>>;
}

interface SelectionMeasure {
  depth: number;
  introspectionDepth: number;
  aliases: number;
  introspectionFields: number;
  /** Cost of the fields the parent's @listSize does not size. */
  cost: number;
  /** Cost of one instance of the fields the parent's @listSize sizes (multiplied by that size above). */
  sizedCost: number;
}

const empty = (): SelectionMeasure => ({
  depth: 0,
  introspectionDepth: 0,
  aliases: 0,
  introspectionFields: 0,
  cost: 0,
  sizedCost: 0,
});

function add(total: SelectionMeasure, part: SelectionMeasure): void {
  total.depth = Math.max(total.depth, part.depth);
  total.introspectionDepth = Math.max(total.introspectionDepth, part.introspectionDepth);
  total.aliases += part.aliases;
  total.introspectionFields += part.introspectionFields;
  total.cost += part.cost;
  total.sizedCost += part.sizedCost;
}

/** No value for an argument: the schema's default applies. */
const ABSENT = Symbol('absent');

export function measureOperation(input: OperationToMeasure): QueryMeasure {
  const { schema, demand, operation, fragments, variables } = input;
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue] as const),
  );
  // Keyed by fragment and the sized fields of the spread's parent; null while being measured (a cycle).
  const memo = new Map<string, SelectionMeasure | null>();
  let visits = 0;

  const literal = (value: ValueNode): unknown => {
    switch (value.kind) {
      case Kind.INT:
      case Kind.FLOAT:
        return Number(value.value);
      case Kind.LIST:
        return value.values;
      case Kind.VARIABLE: {
        const name = value.name.value;
        if (Object.hasOwn(variables, name)) return variables[name];
        const fallback = variableDefaults.get(name);
        return fallback === undefined ? ABSENT : literal(fallback);
      }
      default:
        return undefined;
    }
  };

  /** The size a @listSize gives this occurrence: the largest slicing argument value, else assumedSize. */
  const sizeOf = (node: FieldNode, definition: GraphQLField<unknown, unknown>, listSize: ListSize) => {
    let size: number | undefined;
    for (const name of listSize.slicingArguments) {
      const given = node.arguments?.find((a) => a.name.value === name);
      let value = given ? literal(given.value) : ABSENT;
      if (value === ABSENT) value = definition.args.find((a) => a.name === name)?.defaultValue;
      const n = typeof value === 'number' ? value : Array.isArray(value) ? value.length : undefined;
      if (n !== undefined && Number.isFinite(n)) size = Math.max(size ?? 0, n, 0);
    }
    return size ?? listSize.assumedSize;
  };

  const typeOf = (condition: NamedTypeNode | undefined, fallback: GraphQLCompositeType | undefined) => {
    const type = condition ? schema.getType(condition.name.value) : fallback;
    return type && isCompositeType(type) ? type : undefined;
  };

  const selections = (
    type: GraphQLCompositeType | undefined,
    set: SelectionSetNode,
    sized: readonly string[],
  ): SelectionMeasure => {
    const total = empty();
    for (const selection of set.selections) {
      visits++;
      if (selection.kind === Kind.FIELD) {
        const sizedByParent = sized.includes(selection.name.value);
        const part = field(type, selection, sizedByParent);
        if (sizedByParent) [part.cost, part.sizedCost] = [0, part.cost];
        add(total, part);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(total, selections(typeOf(selection.typeCondition, type), selection.selectionSet, sized));
      } else {
        add(total, spread(selection.name.value, sized));
      }
    }
    return total;
  };

  const spread = (name: string, sized: readonly string[]): SelectionMeasure => {
    const fragment = fragments.get(name);
    if (!fragment) return empty();
    const key = `${name}\u0000${sized.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known ?? empty();
    memo.set(key, null);
    const measured = selections(typeOf(fragment.typeCondition, undefined), fragment.selectionSet, sized);
    memo.set(key, measured);
    return measured;
  };

  const field = (
    parent: GraphQLCompositeType | undefined,
    node: FieldNode,
    sizedByParent: boolean,
  ): SelectionMeasure => {
    const measured = empty();
    measured.aliases = node.alias ? 1 : 0;
    const name = node.name.value;
    const definition =
      name === '__schema'
        ? SchemaMetaFieldDef
        : name === '__type'
          ? TypeMetaFieldDef
          : parent && (isObjectType(parent) || isInterfaceType(parent))
            ? parent.getFields()[name]
            : undefined;
    if (!definition || !parent) return measured; // __typename, or invalid (refused by validation)
    const named = getNamedType(definition.type);
    const fieldDemand = demand.get(`${parent.name}.${name}`);
    const listSize = fieldDemand?.listSize;
    const expected = listSize && sizeOf(node, definition, listSize);
    const child =
      node.selectionSet && isCompositeType(named)
        ? selections(named, node.selectionSet, listSize?.sizedFields ?? [])
        : empty();
    const instances =
      sizedByParent || !isListType(getNullableType(definition.type)) ? 1 : (expected ?? DEFAULT_LIST_SIZE);
    const weight = fieldDemand?.weight ?? (isCompositeType(named) ? 1 : 0);
    measured.cost = instances * (weight + child.cost + (expected ?? DEFAULT_LIST_SIZE) * child.sizedCost);
    measured.aliases += child.aliases;
    measured.introspectionFields = child.introspectionFields;
    measured.introspectionDepth = child.introspectionDepth;
    if (definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef) {
      measured.introspectionFields += 1;
      measured.introspectionDepth = Math.max(measured.introspectionDepth, 1 + child.depth);
    } else {
      measured.depth = 1 + child.depth;
    }
    return measured;
  };

  const rootType = schema.getRootType(operation.operation);
  const root = selections(rootType ?? undefined, operation.selectionSet, []);
  return {
    depth: root.depth,
    cost: root.cost,
    aliases: root.aliases,
    introspectionFields: root.introspectionFields,
    introspectionDepth: root.introspectionDepth,
    visits,
  };
}

/** A document's fragments by name, for measureOperation. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}
