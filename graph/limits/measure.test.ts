/** The measure of an operation over the real composed graph: the cost model, and a walk linear in the document. */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasedIntrospection, aliasedSearch, doublingChain } from '../../test/support/hostile-queries.ts';
import { loadOperation, operationNames } from '../../test/support/operations.ts';
import { schemaFile } from '../sdl.ts';
import { demandFromSupergraph, introspectionDemand } from './demand.ts';
import { DEFAULT_LIST_SIZE, fragmentsOf, measureOperation } from './measure.ts';

const sdl = readFileSync(schemaFile('supergraph'), 'utf8');
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const demand = new Map([...demandFromSupergraph(sdl), ...introspectionDemand(schema)]);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return measureOperation({ schema, demand, operation, fragments: fragmentsOf(document), variables });
}

describe('the cost of an operation', () => {
  it('costs objects 1 and scalars 0, each list item once, root fields by their @cost', () => {
    expect(measure('{ districts { code name } }')).toMatchObject({ depth: 2, cost: 16 }); // @listSize(assumedSize: 16)
    // @cost(weight: 5) replaces the object's 1; credit's @cost(weight: 5) again; a district object 1.
    expect(
      measure('{ enterprise(uscc: "91310000132260250X") { name district { code } credit { riskClass } } }'),
    ).toMatchObject({
      depth: 3,
      cost: 5 + 1 + 5,
    });
  });

  it('sizes a connection by first (given, from a variable or its default, or the schema default) on its nodes and edges', () => {
    // The search's @cost(weight: 50); per node: the equipment 1 and its district 1.
    expect(measure('{ equipmentSearch(first: 10) { totalCount nodes { code district { name } } } }').cost).toBe(
      50 + 10 * 2,
    );
    expect(measure('{ equipmentSearch(first: 10) { edges { cursor node { code } } } }').cost).toBe(50 + 10 * 2);
    const byVariable = 'query ($n: Int) { equipmentSearch(first: $n) { nodes { code } } }';
    expect(measure(byVariable, { n: 100 }).cost).toBe(150);
    expect(measure(byVariable).cost).toBe(50 + 20); // no value: the schema's `first: Int = 20`
    expect(measure('query ($n: Int = 5) { equipmentSearch(first: $n) { nodes { code } } }').cost).toBe(55);
    // Paging inside paging multiplies: the enterprise page, then each enterprise's equipment page (@cost 5 each).
    const nested = '{ enterpriseSearch(first: 100) { nodes { usedEquipment(first: 100) { nodes { code } } } } }';
    expect(measure(nested).cost).toBe(50 + 100 * (1 + 5 + 100 * 1));
  });

  it('multiplies a plain list by its slicing argument, its assumed size or the default size', () => {
    const file = '{ equipment(code: "31103101012020000001") { inspections(last: 3) { date } hazards { id } } }';
    expect(measure(file).cost).toBe(5 + 3 * 1 + 10 * 1); // inspections(last), hazards @listSize(assumedSize: 10)
    expect(DEFAULT_LIST_SIZE).toBe(10);
  });

  it('measures a fragment once per sizing and reuses it: in a connection its nodes are sized by the spread parent', () => {
    const query = `{
      equipmentSearch(first: 10) { ...Codes }
      enterprise(uscc: "91310000132260250X") { usedEquipment(first: 3) { ...Codes } }
    }
    fragment Codes on EquipmentConnection { nodes { code } }`;
    expect(measure(query).cost).toBe(50 + 10 + (5 + 5 + 3));
  });

  it('counts aliases and depth through fragments, each time a fragment is spread', () => {
    const query = `{ ...Two ...Two } fragment Two on Query { a: districts { code } b: districts { code } }`;
    expect(measure(query)).toMatchObject({ aliases: 4, depth: 2, cost: 4 * 16 });
  });

  it('walks a doubling chain in visits linear in its fragments, while its cost doubles with each', () => {
    for (const fragments of [10, 22, 30, 1000]) {
      const measured = measure(doublingChain(fragments));
      // The operation's spread, two spreads per fragment but the last, whose two fields and the districts' two.
      expect(measured.visits).toBe(1 + 2 * (fragments - 1) + 1 + 2);
      expect(measured.cost).toBe(2 ** (fragments - 1) * 16);
    }
  });

  it('stops on a fragment cycle (invalid, refused by validation) instead of walking it forever', () => {
    const cyclic = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A districts { code } }';
    expect(measure(cyclic)).toMatchObject({ depth: 2, cost: 16 });
  });

  it('counts introspection fields, their depth apart from the operation, and costs them by the schema sizes', () => {
    const standard = measure(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(standard).toMatchObject({ introspectionFields: 1, introspectionDepth: 15, depth: 0 });
    expect(standard.cost).toBeGreaterThan(1_000);
    expect(standard.cost).toBeLessThan(20_000);
    const aliased = measure(aliasedIntrospection(300));
    expect(aliased).toMatchObject({ introspectionFields: 300, aliases: 300 });
    expect(aliased.cost).toBeCloseTo(300 * standard.cost, -2);
    expect(measure('{ __typename a: __typename }')).toMatchObject({ cost: 0, depth: 0, aliases: 1 });
  });

  it('costs 1,000 aliases of a one-row search 1,000 searches', () => {
    expect(measure(aliasedSearch(1000))).toMatchObject({ aliases: 1000, cost: 1000 * 50 });
  });

  it('keeps every example operation within the default limits', () => {
    for (const name of operationNames()) {
      const { query, variables } = loadOperation(name);
      const measured = measure(query, variables);
      expect(measured.depth, name).toBeLessThanOrEqual(12);
      expect(measured.cost, name).toBeLessThanOrEqual(20_000);
      expect(measured.aliases, name).toBeLessThanOrEqual(30);
    }
  });
});

describe('the demand the supergraph declares', () => {
  it('is read from the @cost and @listSize composition wrote into the supergraph', () => {
    expect(demand.get('Query.equipmentSearch')).toEqual({
      weight: 50,
      listSize: { assumedSize: undefined, slicingArguments: ['first'], sizedFields: ['nodes', 'edges'] },
    });
    expect(demand.get('ElevatorMaintenanceStats.operatorWorkload')).toEqual({ weight: 1000 });
  });

  it('sizes every list of objects: by its own @listSize, or as a field of a connection its parent sizes', () => {
    const objectTypes = Object.values(schema.getTypeMap()).filter(
      (t) => (isObjectType(t) || isInterfaceType(t)) && !t.name.startsWith('__'),
    ) as (GraphQLObjectType | GraphQLInterfaceType)[];
    const fieldOf = (coordinate: string) => {
      const [type = '', field = ''] = coordinate.split('.');
      const owner = schema.getType(type);
      return owner && (isObjectType(owner) || isInterfaceType(owner)) ? owner.getFields()[field] : undefined;
    };
    const sizedByParent = new Set<string>();
    for (const [coordinate, entry] of demand)
      for (const sized of entry.listSize?.sizedFields ?? [])
        sizedByParent.add(`${getNamedType(fieldOf(coordinate)!.type).name}.${sized}`);
    const unsized = objectTypes.flatMap((type) =>
      Object.values(type.getFields())
        .filter((f) => isListType(getNullableType(f.type)) && isCompositeType(getNamedType(f.type)))
        .map((f) => `${type.name}.${f.name}`)
        .filter((coordinate) => !demand.get(coordinate)?.listSize && !sizedByParent.has(coordinate)),
    );
    expect(unsized).toEqual([]);
    expect(sizedByParent.has('EquipmentConnection.nodes')).toBe(true);
  });
});
