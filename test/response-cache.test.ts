/**
 * The response cache over the embedded stack, counted in legacy calls: an example operation answered
 * from the cache reaches no legacy system; the same operation with other variables does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../adapters/core/calls.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { postForAnswer } from './support/graphql.ts';
import { loadOperation } from './support/operations.ts';
import { type TestStack, startTestStack } from './support/stack.ts';

describe('the response cache over the legacy systems', () => {
  let stack: TestStack;
  const recorder = new CallRecorder();

  beforeAll(async () => {
    stack = await startTestStack('test', [recorder.observer], { GATEWAY_RESPONSE_CACHE: 'on' });
  }, 300_000);
  afterAll(async () => stack?.close());

  it('answers ElevatorFile again without a legacy call, and other variables with their own', async () => {
    const { query, variables } = loadOperation('ElevatorFile');
    recorder.clear();
    const first = await postForAnswer(stack.gateway.url, query, variables);
    expect(first.body.errors).toBeUndefined();
    expect(recorder.calls.length).toBeGreaterThan(0);
    recorder.clear();
    const again = await postForAnswer(stack.gateway.url, query, variables);
    expect(recorder.bySystem()).toEqual({});
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const other = generateWorld({ scale: 'test' }).elevators.find((e) => e.qrId !== variables.qrId)!;
    await postForAnswer(stack.gateway.url, query, { ...variables, qrId: other.qrId });
    expect(recorder.calls.length).toBeGreaterThan(0);
  });
});
