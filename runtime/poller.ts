/**
 * Runs a pass every `intervalMs` while started: the credit drop-folder ingestion, the elevator alarm
 * feed. Passes never overlap (a pass that outlasts the interval delays the next), a failed pass is
 * logged and retried next time, and stop() waits for the pass in flight so nothing runs after it returns.
 */
import type { Logger } from './logger.ts';

type PollerState =
  | { readonly phase: 'stopped' }
  | { readonly phase: 'polling'; timer: NodeJS.Timeout | undefined; current: Promise<void> | undefined };

export class Poller {
  private state: PollerState = { phase: 'stopped' };

  /** `what`: the pass, named in the log line of a failure. */
  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly what: string,
  ) {
    if (!(intervalMs > 0)) throw new Error(`Poller: intervalMs must be > 0, got ${intervalMs}`);
  }

  /** The first pass runs at once. */
  start(): void {
    if (this.state.phase === 'polling') return;
    const state: PollerState = { phase: 'polling', timer: undefined, current: undefined };
    this.state = state;
    const tick = () => {
      state.timer = undefined;
      state.current = this.pass()
        .then(
          () => undefined,
          (error: unknown) => this.logger.error({ err: error }, `${this.what} failed; retrying at the next poll`),
        )
        .finally(() => {
          state.current = undefined;
          // The server keeps the process alive; a pending pass must not.
          if (this.state === state) state.timer = setTimeout(tick, this.intervalMs).unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    const state = this.state;
    if (state.phase === 'stopped') return;
    this.state = { phase: 'stopped' };
    clearTimeout(state.timer);
    await state.current;
  }
}
