/**
 * What the schema says each field costs: federation's `@cost(weight:)` and `@listSize(assumedSize:,
 * slicingArguments:, sizedFields:)` (the cost spec of federation v2.9, after IBM's cost directive
 * specification), read once into a lookup by field coordinate. The gateway reads them from the supergraph it
 * serves (composition writes them there under the cost spec's `@link`); a subgraph from its own SDL (under the
 * federation `@link`). federation-internals resolves the names either way, so a renamed import still counts.
 */
import {
  COST_VERSIONS,
  type CostDirectiveArguments,
  FieldDefinition,
  type ListSizeDirectiveArguments,
  Supergraph,
  buildSubgraph,
  costIdentity,
} from '@apollo/federation-internals';
import {
  type DocumentNode,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

export interface ListSize {
  /** The size when no slicing argument has a value. */
  readonly assumedSize?: number;
  /** Arguments whose value is the size (a list value: its length). */
  readonly slicingArguments: readonly string[];
  /** Fields of the returned object that the size applies to (a connection's nodes and edges); none: the field itself. */
  readonly sizedFields: readonly string[];
}

interface FieldDemand {
  /** Cost of each instance of the field, replacing the default (1 for objects, 0 for scalars and enums). */
  readonly weight?: number;
  readonly listSize?: ListSize;
}

/** Demand by field coordinate (`Type.field`); a field absent from it costs the default. */
export type DemandModel = ReadonlyMap<string, FieldDemand>;

/** What both federation-internals schema kinds hand out for a directive: its applications. */
interface Applied<A extends object> {
  applications(): Iterable<{ readonly name: string; readonly parent: unknown; arguments(): Readonly<A> }>;
}

/** The directives of the supergraph the gateway serves, under its cost spec `@link`; none if it has none. */
export function demandFromSupergraph(supergraphSdl: string): DemandModel {
  const schema = Supergraph.build(supergraphSdl).schema;
  const feature = schema.coreFeatures?.getByIdentity(costIdentity);
  const spec = feature && COST_VERSIONS.find(feature.url.version);
  if (!spec) return new Map();
  return collect(spec.costDirective(schema), spec.listSizeDirective(schema));
}

/**
 * The directives of one subgraph's SDL. Federation's own `_entities` is sized by the representations the
 * gateway sends, so the entities of one batch are counted once each.
 */
export function demandFromSubgraph(name: string, sdl: DocumentNode | string): DemandModel {
  const metadata = buildSubgraph(name, `http://${name}`, sdl).metadata();
  const model = new Map(collect(metadata.costDirective(), metadata.listSizeDirective()));
  model.set('Query._entities', { listSize: { slicingArguments: ['representations'], sizedFields: [] } });
  return model;
}

function collect(
  cost: Applied<CostDirectiveArguments> | undefined,
  listSize: Applied<ListSizeDirectiveArguments> | undefined,
): DemandModel {
  const model = new Map<string, { weight?: number; listSize?: ListSize }>();
  const entry = (directive: { readonly name: string; readonly parent: unknown }) => {
    const parent = directive.parent;
    // Weights on types and arguments (also allowed by the spec) would be silently ignored here: refuse them.
    if (!(parent instanceof FieldDefinition))
      throw new Error(`@${directive.name} on ${String(parent)}: only field definitions carry demand in this graph`);
    const coordinate = parent.coordinate;
    let found = model.get(coordinate);
    if (!found) model.set(coordinate, (found = {}));
    return found;
  };
  for (const directive of cost?.applications() ?? []) entry(directive).weight = directive.arguments().weight;
  for (const directive of listSize?.applications() ?? []) {
    const args = directive.arguments();
    entry(directive).listSize = {
      assumedSize: args.assumedSize ?? undefined,
      slicingArguments: args.slicingArguments ?? [],
      sizedFields: args.sizedFields ?? [],
    };
  }
  return model;
}

/**
 * Sizes of the introspection lists, from the schema served: each the schema's own average (all types' fields
 * over the number of types, and so on), so the standard introspection query is costed close to the size of its
 * answer and an introspection multiplied by aliases or nesting is costed by what it multiplies.
 */
export function introspectionDemand(schema: GraphQLSchema): DemandModel {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  let fields = 0;
  let fieldArguments = 0;
  let inputFields = 0;
  let enumValues = 0;
  let interfaces = 0;
  let possibleTypes = 0;
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const own = Object.values(type.getFields());
      fields += own.length;
      for (const field of own) fieldArguments += field.args.length;
      interfaces += type.getInterfaces().length;
    }
    if (isInterfaceType(type) || isUnionType(type)) possibleTypes += schema.getPossibleTypes(type).length;
    if (isInputObjectType(type)) inputFields += Object.keys(type.getFields()).length;
    if (isEnumType(type)) enumValues += type.getValues().length;
  }
  const sized = (assumedSize: number): FieldDemand => ({
    listSize: { assumedSize, slicingArguments: [], sizedFields: [] },
  });
  const perType = (count: number) => sized(count / types.length);
  return new Map([
    ['__Schema.types', sized(types.length)],
    ['__Schema.directives', sized(directives.length)],
    ['__Type.fields', perType(fields)],
    ['__Type.inputFields', perType(inputFields)],
    ['__Type.enumValues', perType(enumValues)],
    ['__Type.interfaces', perType(interfaces)],
    ['__Type.possibleTypes', perType(possibleTypes)],
    ['__Field.args', sized(fields === 0 ? 0 : fieldArguments / fields)],
    [
      '__Directive.args',
      sized(directives.length === 0 ? 0 : directives.reduce((n, d) => n + d.args.length, 0) / directives.length),
    ],
  ]);
}
