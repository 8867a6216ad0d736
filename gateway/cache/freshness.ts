/**
 * How long an answer may be served again: no longer than the cache's maximum age, and no longer than
 * the data it holds stays current. Figures counted over a whole system state when they were counted
 * (docs/graph-guide.md, "How fresh the figures are"): `computedAt` figures are recounted once they are
 * 60 s old, `refreshedAt` indexes rebuilt every 5 minutes (the subgraphs' defaults). An answer holding
 * such a stamp expires when newer figures can exist; one whose figures are already due is not kept at
 * all. Records read live have no stamp: the maximum age alone bounds them.
 */

/** How long after each stamp newer figures may exist, by field name. */
const RENEWED_AFTER_MS: Readonly<Record<string, number>> = {
  computedAt: 60_000,
  refreshedAt: 5 * 60_000,
};

/** Epoch ms after which the answer must be computed afresh; at most `now` when it must not be kept. */
export function answerExpiry(data: unknown, now: number, maxAgeMs: number): number {
  let expiry = now + maxAgeMs;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, field] of Object.entries(value)) {
      const renewedAfter = RENEWED_AFTER_MS[key];
      if (renewedAfter !== undefined && typeof field === 'string') {
        const stamped = Date.parse(field);
        if (Number.isFinite(stamped)) expiry = Math.min(expiry, stamped + renewedAfter);
      } else if (typeof field === 'object') visit(field);
    }
  };
  visit(data);
  return expiry;
}
