/**
 * The faults every stand-in can be switched to at run time, by tests, demos and `npm run faults`:
 *   down    the system refuses (its own outage answer: a proxy's 503, a maintenance envelope, a refused connection)
 *   slow    every answer waits `ms` more
 *   errors  a share `rate` of answers fail in the system's own style (SOAP Fault, envelope code, SQL error, bad file)
 *   hang    requests are accepted and never answered (until heal, or until the client gives up)
 *   heal    back to normal; hung requests are released
 * Each stand-in maps a mode onto its own fault fields; the shared part is here.
 */
export const FAULT_MODES = ['down', 'slow', 'errors', 'hang', 'heal'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** The stand-ins that have a fault control, by system name. */
export const FAULT_SYSTEMS = ['permit', 'inspection', 'elevator', 'credit'] as const;
export type FaultSystem = (typeof FAULT_SYSTEMS)[number];

export interface FaultRequest {
  readonly mode: FaultMode;
  /** slow: added milliseconds (default 2000). */
  readonly ms?: number;
  /** errors: share of failing answers, 0..1 (default 0.5). */
  readonly rate?: number;
}

/** The fault fields the stand-ins have in common. */
export interface CommonFaults {
  readonly latencyMs: number;
  readonly errorRate: number;
  readonly outage: boolean;
  readonly hang: boolean;
}

export const NO_FAULTS: CommonFaults = { latencyMs: 0, errorRate: 0, outage: false, hang: false };

/** What a stand-in offers the admin route: switch a mode, and say what is on. */
export interface FaultControl {
  apply(request: FaultRequest): void;
  state(): object;
}

/** The fault fields a mode sets, checked. Modes add to each other; `heal` clears them all. */
export function faultsFor(request: FaultRequest): Partial<CommonFaults> {
  switch (request.mode) {
    case 'down':
      return { outage: true };
    case 'slow': {
      const ms = request.ms ?? 2000;
      if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new RangeError(`ms must be 0..600000, got ${ms}`);
      return { latencyMs: ms };
    }
    case 'errors': {
      const rate = request.rate ?? 0.5;
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be 0..1, got ${rate}`);
      return { errorRate: rate };
    }
    case 'hang':
      return { hang: true };
    case 'heal':
      return NO_FAULTS;
  }
}

/** Requests held by `hang`: released (their connection dropped) on heal or when the stand-in stops. */
export class HeldRequests {
  private readonly held = new Set<() => void>();

  /** Holds one request; `drop` ends it. Returns a function to call if the client leaves first. */
  hold(drop: () => void): () => void {
    this.held.add(drop);
    return () => this.held.delete(drop);
  }

  get size(): number {
    return this.held.size;
  }

  releaseAll(): void {
    for (const drop of this.held) drop();
    this.held.clear();
  }
}
