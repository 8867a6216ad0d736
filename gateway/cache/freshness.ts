/**
 * How long an answer may be served again: no longer than the cache's maximum age, and no longer than
 * the data it holds stays current. Figures counted over a whole system state when they were counted
 * (docs/graph-guide.md, "How fresh the figures are"): `computedAt` figures are recounted once they are
 * 60 s old, `refreshedAt` indexes rebuilt once 5 minutes old (the elevator index's default; the
 * supervision index's 10 minutes is longer, so its answers expire early, never late). An answer holding
 * such a stamp expires when newer figures can exist. Figures already due are being recounted behind
 * the answers (at city scale an index build takes minutes), and every request gets the same figures
 * until the new ones land: such an answer is kept for DUE_LIFE_MS only, so it outlives its figures by
 * at most that. Records read live have no stamp: the maximum age alone bounds them.
 */

/** How long after each stamp newer figures may exist, by field name. */
const RENEWED_AFTER_MS: Readonly<Record<string, number>> = {
  computedAt: 60_000,
  refreshedAt: 5 * 60_000,
};

/** How long an answer whose figures are due (or nearly) is kept. */
const DUE_LIFE_MS = 2_000;

/** Epoch ms after which the answer must be computed afresh. */
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
        if (Number.isFinite(stamped)) expiry = Math.min(expiry, Math.max(stamped + renewedAfter, now + DUE_LIFE_MS));
      } else if (typeof field === 'object') visit(field);
    }
  };
  visit(data);
  return expiry;
}
