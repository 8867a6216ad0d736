import { describe, expect, it } from 'vitest';
import { valueSharer } from './shared-values.ts';

describe('valueSharer (equal values as one)', () => {
  it('gives the first equal value for strings, lists and plain objects, and null as itself', () => {
    const share = valueSharer<unknown>();
    const code = share(['3101', 'X'].join(''));
    expect(share(['310', '1X'].join(''))).toBe(code);
    const list = share(['c1', 'c2']);
    expect(share(['c1', 'c2'])).toBe(list);
    expect(share(['c2', 'c1'])).not.toBe(list);
    const judgement = share({ reasons: ['TOO_SHORT'], minimumMinutes: 30 });
    expect(share({ reasons: ['TOO_SHORT'], minimumMinutes: 30 })).toBe(judgement);
    expect(share(null)).toBeNull();
  });

  it('shares nothing between two sharers (each build has its own)', () => {
    const a = { x: 1 };
    const b = { x: 1 };
    valueSharer()(a);
    expect(valueSharer()(b)).toBe(b);
  });
});
