/**
 * Personal data (`@pii(kind:)` in the SDL), enforced in one place: every field carrying the directive
 * has its resolver wrapped when the subgraph's schema is built, so a new `@pii` field is masked
 * without new code and no resolver masks anything itself. A caller holding `personal-data:read` gets
 * the value as stored, and the reveal is noted for the request's audit record (audit.ts): the entity's
 * key (its type's `@key` fields) and the field. A subgraph without an audit trail never reveals.
 */
import {
  type GraphQLFieldResolver,
  type GraphQLSchema,
  Kind,
  type ConstDirectiveNode,
  defaultFieldResolver,
  isObjectType,
} from 'graphql';
import { type Caller, mayReadPersonalData } from '../../graph/caller.ts';

/** Masks all but the first `keepStart` and last `keepEnd` characters. */
function mask(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return (
    value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(value.length - keepEnd)
  );
}

/** The masks by `@pii(kind:)`; a kind not listed is masked whole. */
const MASKS: Readonly<Record<string, (value: string) => string>> = {
  ID_NUMBER: (v) => mask(v, 3, 2),
  PHONE: (v) => mask(v, 3, 4),
  // Chinese names: the family name stays, the given name is masked.
  PERSON_NAME: (v) => (v.length <= 1 ? v : v[0] + '*'.repeat(v.length - 1)),
};

function maskPersonalValue(kind: string, value: string): string {
  return (MASKS[kind] ?? ((v: string) => '*'.repeat(v.length)))(value);
}

/** One reveal: which entity (type and key) and which field of it a caller read unmasked. */
export interface Reveal {
  readonly type: string;
  readonly key: string;
  readonly field: string;
}

/** The reveals of one request, written to the audit trail when its answer leaves. */
export class RevealLog {
  private readonly seen = new Map<string, Reveal>();

  note(reveal: Reveal): void {
    this.seen.set(`${reveal.type}\u0000${reveal.key}\u0000${reveal.field}`, reveal);
  }

  get reveals(): readonly Reveal[] {
    return [...this.seen.values()];
  }
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** The `@key(fields:)` field names of a type (its first key; simple fields only, as ours are). */
function keyFields(schema: GraphQLSchema, typeName: string): readonly string[] {
  const type = schema.getType(typeName);
  const nodes = [type?.astNode, ...(type?.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const key = node?.directives?.find((d) => d.name.value === 'key');
    const fields = key && argument(key, 'fields');
    if (fields) return fields.split(/\s+/).filter(Boolean);
  }
  return [];
}

/** What the wrapped resolvers read of a subgraph's context (context.ts). */
interface PersonalDataContext {
  readonly caller: Caller;
  readonly reveals?: RevealLog;
}

/** Wraps the resolver of every `@pii` field of the schema (in place); returns the coordinates wrapped. */
export function enforcePersonalData(schema: GraphQLSchema): string[] {
  const wrapped: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const keys = keyFields(schema, type.name);
    for (const field of Object.values(type.getFields())) {
      const pii = field.astNode?.directives?.find((d) => d.name.value === 'pii');
      if (!pii) continue;
      const kind = argument(pii, 'kind') ?? '';
      const resolve: GraphQLFieldResolver<unknown, PersonalDataContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, ctx, info) => {
        const value: unknown = await resolve(parent, args, ctx, info);
        if (typeof value !== 'string') return value;
        if (!mayReadPersonalData(ctx.caller) || ctx.reveals === undefined) return maskPersonalValue(kind, value);
        const record = parent as Record<string, unknown>;
        ctx.reveals.note({
          type: type.name,
          key: keys.map((k) => `${k}=${String(record[k])}`).join(','),
          field: field.name,
        });
        return value;
      };
      wrapped.push(`${type.name}.${field.name}`);
    }
  }
  return wrapped;
}
