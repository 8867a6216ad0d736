/**
 * A subscription operation made into what the gateway can run for each event: Apollo Gateway cannot
 * execute subscriptions, so the event's own fields (id, change, district, at…) are filled from the event,
 * and the part that needs the graph (the alarm, the district) becomes a query of its root field for the
 * event's key (`alarm(id:)`, `district(code:)`), run through the gateway's executor with the subscriber's
 * rights. The query keeps the subscriber's selection, fragments and variables as written.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
  getArgumentValues,
  getOperationAST,
  print,
  validate,
  visit,
} from 'graphql';
import { badUserInput } from '../../graph/errors.ts';

/** The subscription fields served, each with its event type and the field resolved through the graph. */
export const LIVE_FIELDS = {
  alarms: { event: 'alarm', typename: 'ElevatorAlarmEvent', resolved: 'alarm', root: 'alarm', keyArg: 'id' },
  figuresChanged: {
    event: 'figures',
    typename: 'DistrictFiguresEvent',
    resolved: 'district',
    root: 'district',
    keyArg: 'code',
  },
} as const;
type LiveFieldName = keyof typeof LIVE_FIELDS;

/** The variable the event's key is passed in; `__` names are reserved by GraphQL, so no client's clashes. */
export const KEY_VARIABLE = '__liveKey';

/** One place in the event's answer: filled from the event, or from the query's answer under `responseKey`. */
interface EventField {
  readonly responseKey: string;
  readonly fieldName: string;
  readonly resolved: boolean;
}

export interface LivePlan {
  readonly field: LiveFieldName;
  /** Where the event goes in the answer: the root field's alias, else its name. */
  readonly rootKey: string;
  readonly districts: readonly string[] | undefined;
  readonly kinds: readonly string[] | undefined;
  readonly fields: readonly EventField[];
  /** The query of the resolved field for one event's key (variable $__liveKey); undefined when not asked. */
  readonly query: string | undefined;
  /** The subscriber's variables the query uses. */
  readonly variables: Readonly<Record<string, unknown>>;
}

export function planSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>>,
): LivePlan | readonly GraphQLError[] {
  const errors = validate(schema, document);
  if (errors.length > 0) return errors;
  const operation = getOperationAST(document, operationName);
  if (!operation) return [badUserInput('Name the operation to run: the document holds more than one, or none')];
  if (operation.operation !== 'subscription')
    return [badUserInput('Only subscriptions are served over this transport; send queries and mutations over HTTP')];
  const [root] = operation.selectionSet.selections;
  if (operation.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD || root.directives?.length)
    return [badUserInput('A subscription selects one of its fields directly, without fragments or directives')];
  const field = root.name.value as LiveFieldName;
  const live = LIVE_FIELDS[field];
  const definition = schema.getSubscriptionType()?.getFields()[field];
  if (!live || !definition) return [badUserInput(`No such subscription field: ${root.name.value}`)];
  const args = getArgumentValues(definition, root, variables) as {
    districts?: string[] | null;
    kinds?: string[] | null;
  };
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields: EventField[] = [];
  const resolvedNodes: FieldNode[] = [];
  const collect = (set: SelectionSetNode | undefined): GraphQLError | undefined => {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) return badUserInput('Directives on the fields of a live event are not served');
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        const resolved = selection.name.value === live.resolved;
        fields.push({ responseKey, fieldName: selection.name.value, resolved });
        if (resolved) resolvedNodes.push(selection);
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.selectionSet
            : fragments.get(selection.name.value)?.selectionSet;
        const error = collect(inner);
        if (error) return error;
      }
    }
    return undefined;
  };
  const refused = collect(root.selectionSet);
  if (refused) return [refused];
  const query = resolvedNodes.length === 0 ? undefined : resolvingQuery(operation, resolvedNodes, fragments, live);
  return {
    field,
    rootKey: root.alias?.value ?? root.name.value,
    districts: args.districts ?? undefined,
    kinds: args.kinds ?? undefined,
    fields: dedupe(fields),
    query: query?.text,
    variables: Object.fromEntries(Object.entries(variables).filter(([name]) => query?.variables.has(name))),
  };
}

/** A response key asked twice (merged by GraphQL) is answered once. */
function dedupe(fields: readonly EventField[]): EventField[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.responseKey) && (seen.add(f.responseKey), true));
}

function resolvingQuery(
  operation: OperationDefinitionNode,
  nodes: readonly FieldNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  live: (typeof LIVE_FIELDS)[LiveFieldName],
): { text: string; variables: ReadonlySet<string> } {
  const selections: SelectionNode[] = nodes.map((node) => ({
    ...node,
    alias: { kind: Kind.NAME, value: node.alias?.value ?? node.name.value },
    name: { kind: Kind.NAME, value: live.root },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: live.keyArg },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: KEY_VARIABLE } },
      },
    ],
  }));
  // The fragments and variables the kept selections use, through fragments spread in fragments.
  const usedFragments = new Map<string, FragmentDefinitionNode>();
  const usedVariables = new Set<string>();
  const walk = (node: SelectionNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !usedFragments.has(spread.name.value)) {
          usedFragments.set(spread.name.value, fragment);
          walk(fragment);
        }
      },
    });
  for (const node of nodes) {
    // The arguments of the event's field were replaced by the key: only its selection's variables count.
    for (const selection of node.selectionSet?.selections ?? []) walk(selection);
  }
  usedVariables.delete(KEY_VARIABLE);
  const keyDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: KEY_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: { kind: Kind.NAME, value: `Live_${operation.name?.value ?? 'Anonymous'}` },
        variableDefinitions: [
          keyDefinition,
          ...(operation.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value)),
        ],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...usedFragments.values(),
    ],
  };
  return { text: print(document), variables: usedVariables };
}
