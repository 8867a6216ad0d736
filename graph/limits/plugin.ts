/**
 * The limits on one operation as an Apollo Server plugin, for the gateway and every subgraph alike: an
 * operation over a limit is refused with QUERY_TOO_COMPLEX (HTTP 400), its extensions naming the limit
 * exceeded, before anything is resolved or fetched. Tokens are counted by graphql's parser itself, which stops
 * at the first token over (`parseOptions.maxTokens`); depth, cost, aliases and introspection by one walk linear
 * in the document (measure.ts), with the demand the schema declares, read once when the schema loads.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Lexer, type ParseOptions, Source, TokenKind } from 'graphql';
import type { Metrics } from '../../runtime/metrics.ts';
import type { QueryLimits } from './config.ts';
import { type DemandModel, introspectionDemand } from './demand.ts';
import { type QueryMeasure, fragmentsOf, measureOperation } from './measure.ts';

/**
 * At most one `__schema` or `__type` per operation, nested at most as deep as the standard introspection
 * query (GraphiQL's, its type references ten levels deep) needs: introspection is also costed like any field.
 */
const INTROSPECTION_LIMITS = { fields: 1, depth: 15 } as const;

type Exceeded = 'tokens' | 'introspection' | 'introspectionDepth' | 'aliases' | 'depth' | 'cost';

export interface QueryLimitsOptions {
  readonly limits: QueryLimits;
  /** The demand the served schema declares: the gateway's from its supergraph, a subgraph's from its own SDL. */
  readonly demand: DemandModel;
  /** Where refusals are counted by the limit exceeded. */
  readonly metrics?: Metrics;
}

/** What an Apollo Server needs to enforce the limits: its parse options and the plugin. */
export function queryLimits(options: QueryLimitsOptions): { parseOptions: ParseOptions; plugin: ApolloServerPlugin } {
  const { limits } = options;
  const refused = options.metrics?.counter(
    'equipment_graph_operations_refused_total',
    'Operations refused with QUERY_TOO_COMPLEX before anything was resolved, by the limit exceeded.',
    ['limit'],
  );
  // With the sizes of the introspection lists once the schema served is known.
  let demand: DemandModel = options.demand;
  const refuse = (exceeded: Exceeded, limit: number, measured: number | undefined, message: string) => {
    refused?.inc({ limit: exceeded });
    return new GraphQLError(message, {
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        exceeded,
        limit,
        ...(measured === undefined ? {} : { measured }),
        http: { status: 400 },
      },
    });
  };

  const plugin: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          demand = new Map([...options.demand, ...introspectionDemand(apiSchema)]);
        },
      };
    },
    async requestDidStart() {
      return {
        // The parser stopped at maxTokens (or failed on something else: Apollo's own syntax error stands). A hook
        // that throws here becomes a 500; Apollo formats the very array it hands this hook, so the parser's error
        // is replaced in it by the refusal naming the limit (the tests pin this).
        async didEncounterErrors({ document, source, errors }) {
          if (document || source === undefined || countTokens(source, limits.maxTokens + 1) <= limits.maxTokens) return;
          const message = `The operation has more than ${limits.maxTokens} tokens, the limit.`;
          (errors as GraphQLError[]).splice(0, errors.length, refuse('tokens', limits.maxTokens, undefined, message));
        },
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const measure = measureOperation({
            schema,
            demand,
            operation,
            fragments: fragmentsOf(document),
            variables: request.variables ?? {},
          });
          const over = firstExceeded(measure, limits);
          if (over) throw refuse(...over);
        },
      };
    },
  };
  return { parseOptions: { maxTokens: limits.maxTokens }, plugin };
}

function firstExceeded(m: QueryMeasure, limits: QueryLimits): [Exceeded, number, number, string] | undefined {
  if (m.introspectionFields > INTROSPECTION_LIMITS.fields)
    return [
      'introspection',
      INTROSPECTION_LIMITS.fields,
      m.introspectionFields,
      `The operation asks for introspection ${m.introspectionFields} times; at most ${INTROSPECTION_LIMITS.fields} __schema or __type field is allowed.`,
    ];
  if (m.introspectionDepth > INTROSPECTION_LIMITS.depth)
    return [
      'introspectionDepth',
      INTROSPECTION_LIMITS.depth,
      m.introspectionDepth,
      `Introspection is nested ${m.introspectionDepth} levels deep; the limit is ${INTROSPECTION_LIMITS.depth}.`,
    ];
  if (m.aliases > limits.maxAliases)
    return [
      'aliases',
      limits.maxAliases,
      m.aliases,
      `The operation uses ${m.aliases} aliases; the limit is ${limits.maxAliases}.`,
    ];
  if (m.depth > limits.maxDepth)
    return [
      'depth',
      limits.maxDepth,
      m.depth,
      `The operation is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}.`,
    ];
  const cost = Math.ceil(m.cost);
  if (cost > limits.maxCost)
    return [
      'cost',
      limits.maxCost,
      Number.isFinite(cost) ? cost : Number.MAX_VALUE,
      `The operation's estimated cost is ${Number.isFinite(cost) ? cost : 'beyond measure'}; the limit is ${limits.maxCost}. Ask for smaller pages (first) or fewer nested lists.`,
    ];
  return undefined;
}

/** Tokens of a document as graphql's parser counts them (comments aside), counting no further than `stopAt`. */
function countTokens(source: string, stopAt: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count < stopAt && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A character no token may hold: the count so far stands (the parser stopped there too).
  }
  return count;
}
