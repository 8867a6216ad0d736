/**
 * A subscription made into its resolving query, over the published supergraph's API schema: the
 * subscriber's selection, fragments and variables kept as written, the event's own fields left to the
 * event, and the subscription's own arguments read for the filter.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planSubscription } from './operation.ts';

const schema = Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema();

const plan = (query: string, variables: Record<string, unknown> = {}) =>
  planSubscription(schema, parse(query), undefined, variables);

describe('planning a subscription', () => {
  it('keeps the selection, its fragments and the variables it uses, and reads the filter', () => {
    const planned = plan(
      `subscription S($d: [ID!], $n: Int) {
        live: alarms(districts: $d, kinds: [ENTRAPMENT]) {
          change
          ...Own
          alarm { ...A equipment { code } }
        }
      }
      fragment Own on ElevatorAlarmEvent { at district }
      fragment A on ElevatorAlarm { id equipment { elevator { alarms(first: $n) { totalCount } } } }`,
      { d: ['310104'], n: 3 },
    );
    if (!('field' in planned)) throw new Error(planned.map((e) => e.message).join('; '));
    expect(planned).toMatchObject({ field: 'alarms', rootKey: 'live', districts: ['310104'], kinds: ['ENTRAPMENT'] });
    expect(planned.fields.map((f) => [f.responseKey, f.resolved])).toEqual([
      ['change', false],
      ['at', false],
      ['district', false],
      ['alarm', true],
    ]);
    expect(planned.variables).toEqual({ n: 3 });
    expect(planned.query).toContain('alarm: alarm(id: $__liveKey)');
    expect(planned.query).toContain('fragment A on ElevatorAlarm');
    expect(planned.query).not.toContain('fragment Own');
    expect(planned.query).not.toContain('$d');
  });

  it('needs no query when only the event fields are asked', () => {
    const planned = plan('subscription { figuresChanged { id systems at } }');
    expect('field' in planned && planned.query).toBe(undefined);
  });

  it('refuses queries, unknown fields and invalid documents with errors', () => {
    expect(plan('{ districts { code } }')).toHaveLength(1);
    expect((plan('subscription { alarms { nope } }') as unknown[]).length).toBeGreaterThan(0);
  });
});
