/**
 * Runs ingestion passes every `pollMs` while started. Passes never overlap (a pass that outlasts the
 * interval delays the next), a failed pass is logged and retried next time, and stop() waits for the
 * pass in flight so nothing writes after it returns.
 */
import type { Logger } from '../../runtime/logger.ts';

type PollerState =
  | { readonly phase: 'stopped' }
  | { readonly phase: 'polling'; timer: NodeJS.Timeout | undefined; current: Promise<void> | undefined };

export class Poller {
  private state: PollerState = { phase: 'stopped' };

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.state.phase === 'polling') return;
    const state: PollerState = { phase: 'polling', timer: undefined, current: undefined };
    this.state = state;
    const tick = () => {
      state.timer = undefined;
      state.current = this.pass()
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.error({ err: error }, 'credit ingestion pass failed; retrying at the next poll'),
        )
        .finally(() => {
          state.current = undefined;
          if (this.state === state) state.timer = setTimeout(tick, this.pollMs);
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
