import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Caller, READ_SCOPES } from '../../graph/caller.ts';
import { RevealLog, enforcePersonalData } from './personal-data.ts';

const AUDITED: Caller = { ...ANONYMOUS, subject: 'auditor', scopes: new Set([...READ_SCOPES, 'personal-data:read']) };

// A subgraph of its own: fields marked @pii, one with a resolver of its own and others with none at all.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  directive @pii(kind: String!) on FIELD_DEFINITION
  type Query { people: [Person!]! }
  type Person @key(fields: "id") {
    id: ID!
    name: String @pii(kind: "PERSON_NAME")
    idNumber: String @pii(kind: "ID_NUMBER")
    phone: String @pii(kind: "PHONE")
    city: String
  }
`);

const PEOPLE = [{ id: 'p1', name: '张三丰', idNumber: '310101199001011234', phone: '13812345678', city: '上海' }];

function schema() {
  const built = buildSubgraphSchema({
    typeDefs,
    resolvers: { Query: { people: () => PEOPLE }, Person: { name: (p: { name: string }) => p.name } },
  });
  expect(enforcePersonalData(built)).toEqual(['Person.name', 'Person.idNumber', 'Person.phone']);
  return built;
}

const ask = (contextValue: object) =>
  graphql({ schema: schema(), source: '{ people { id name idNumber phone city } }', contextValue });

describe('personal data from @pii', () => {
  it('masks every @pii field, resolver or not, for a caller without personal-data:read', async () => {
    const reveals = new RevealLog();
    const result = await ask({ caller: ANONYMOUS, reveals });
    expect(result.data?.people).toEqual([
      { id: 'p1', name: '张**', idNumber: '310*************34', phone: '138****5678', city: '上海' },
    ]);
    expect(reveals.reveals).toEqual([]);
  });

  it('reveals to a caller with personal-data:read and notes each entity key and field for the audit trail', async () => {
    const reveals = new RevealLog();
    const result = await ask({ caller: AUDITED, reveals });
    expect(result.data?.people).toEqual([PEOPLE[0]]);
    expect(reveals.reveals).toEqual([
      { type: 'Person', key: 'id=p1', field: 'name' },
      { type: 'Person', key: 'id=p1', field: 'idNumber' },
      { type: 'Person', key: 'id=p1', field: 'phone' },
    ]);
  });

  it('keeps personal data masked where there is no audit trail to record its reading', async () => {
    const result = await ask({ caller: AUDITED });
    expect(result.data?.people).toEqual([
      { id: 'p1', name: '张**', idNumber: '310*************34', phone: '138****5678', city: '上海' },
    ]);
  });
});
