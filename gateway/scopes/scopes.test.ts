/**
 * Stripping refused fields from an operation and refilling the answer, on a small schema with the
 * shapes the graph may grow (an interface, a union, lists, fragments spread twice, @skip/@include).
 */
import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../graph/caller.ts';
import { readScopePolicy } from './policy.ts';
import { refill } from './refill.ts';
import { stripForbidden } from './strip.ts';

const SDL = `
  directive @scope(requires: String!) on FIELD_DEFINITION
  type Query { shop(id: ID!): Shop, shops: [Shop!]!, things: [Thing!]!, audit: [String] @scope(requires: "audit:read") }
  type Shop { id: ID!, name: String!, owner: Person @scope(requires: "credit:read"), secret: Secret @scope(requires: "credit:read") }
  type Secret { value: String! }
  type Person { name: String }
  union Thing = Shop | Person
`;
const schema = buildSchema(SDL);
const policy = readScopePolicy(SDL);
const NONE = new Set<Scope>();

function strip(query: string, scopes: ReadonlySet<Scope> = NONE) {
  return stripForbidden(schema, parse(query), undefined, policy, scopes);
}

describe('scope policy', () => {
  it('reads the scope of each field and refuses a supergraph that breaks its rules', () => {
    expect([...policy]).toEqual([
      ['Query.audit', 'audit:read'],
      ['Shop.owner', 'credit:read'],
      ['Shop.secret', 'credit:read'],
    ]);
    expect(() => readScopePolicy('type Query { a: Int! @scope(requires: "credit:read") }')).toThrow(
      'Query.a: a field with @scope must be nullable',
    );
    expect(() => readScopePolicy('type Query { a: Int @scope(requires: "root") }')).toThrow(
      'Query.a: @scope(requires: root)',
    );
  });
});

describe('stripping refused fields', () => {
  it('leaves an operation alone when nothing in it is refused', () => {
    expect(strip('{ shop(id: 1) { name } }')).toBeUndefined();
    expect(strip('{ shop(id: 1) { owner { name } } }', new Set(['credit:read']))).toBeUndefined();
  });

  it('removes refused fields, keeps emptied objects with a private __typename, and refills nulls with FORBIDDEN', () => {
    const stripped = strip('{ shop(id: 1) { owner { name } } shops { id o: owner { name } } audit }')!;
    expect(print(stripped.document)).toBe(
      '{\n  shop(id: 1) {\n    _egScopePlaceholder: __typename\n  }\n  shops {\n    id\n  }\n}',
    );
    expect(stripped.refusedScopes).toEqual(['audit:read', 'credit:read']);
    const data = {
      shop: { _egScopePlaceholder: 'Shop' },
      shops: [{ id: 'a' }, { id: 'b' }],
    };
    const errors = refill(data, stripped.marks, {});
    expect(data).toEqual({
      shop: { owner: null },
      shops: [
        { id: 'a', o: null },
        { id: 'b', o: null },
      ],
      audit: null,
    });
    expect(errors.map((e) => [e.path, e.extensions])).toEqual([
      [['audit'], { code: 'FORBIDDEN', scope: 'audit:read', field: 'Query.audit' }],
      [['shop', 'owner'], { code: 'FORBIDDEN', scope: 'credit:read', field: 'Shop.owner' }],
      // One error per place in the operation, `@` standing for every item of the list.
      [['shops', '@', 'o'], { code: 'FORBIDDEN', scope: 'credit:read', field: 'Shop.owner' }],
    ]);
  });

  it('strips a fragment once for all its spreads, and reports each place once', () => {
    const stripped = strip(
      '{ a: shop(id: 1) { ...S } b: shop(id: 2) { ...S ...S } } fragment S on Shop { name owner { name } }',
    )!;
    expect(print(stripped.document)).toContain('fragment S on Shop {\n  name\n}');
    const data = { a: { name: 'x' }, b: { name: 'y' } };
    const errors = refill(data, stripped.marks, {});
    expect(data).toEqual({ a: { name: 'x', owner: null }, b: { name: 'y', owner: null } });
    expect(errors.map((e) => e.path)).toEqual([
      ['a', 'owner'],
      ['b', 'owner'],
    ]);
  });

  it('refills only the objects a fragment on a union member applied to', () => {
    const stripped = strip('{ things { ... on Shop { id secret { value } } ... on Person { name } } }')!;
    expect(print(stripped.document)).toContain('_egScopeTypename: __typename');
    const data = {
      things: [
        { id: 's', _egScopeTypename: 'Shop' },
        { name: 'p', _egScopeTypename: 'Person' },
      ],
    };
    const errors = refill(data, stripped.marks, {});
    expect(data).toEqual({ things: [{ id: 's', secret: null }, { name: 'p' }] });
    expect(errors.map((e) => e.path)).toEqual([['things', '@', 'secret']]);
  });

  it('honours @skip and @include with the request variables', () => {
    const stripped = strip('query($x: Boolean!) { shop(id: 1) { name owner @include(if: $x) { name } } }')!;
    const skipped = { shop: { name: 'n' } };
    expect(refill(skipped, stripped.marks, { x: false })).toEqual([]);
    expect(skipped).toEqual({ shop: { name: 'n' } });
    const included = { shop: { name: 'n' } };
    expect(refill(included, stripped.marks, { x: true })).toHaveLength(1);
    expect(included).toEqual({ shop: { name: 'n', owner: null } });
  });

  it('keeps an operation whose every root field is refused valid, with a private __typename', () => {
    const stripped = strip('{ audit }')!;
    expect(print(stripped.document)).toBe('{\n  _egScopePlaceholder: __typename\n}');
    const data = { _egScopePlaceholder: 'Query' };
    expect(refill(data, stripped.marks, {})).toHaveLength(1);
    expect(data).toEqual({ audit: null });
  });

  it('leaves a null parent null and adds no error below it', () => {
    const stripped = strip('{ shop(id: 9) { name owner { name } } }')!;
    const data = { shop: null };
    expect(refill(data, stripped.marks, {})).toEqual([]);
    expect(data).toEqual({ shop: null });
  });
});
