/**
 * Runs a started process until SIGINT or SIGTERM, then stops its parts in reverse start order.
 * A second signal, or a stop that hangs past the grace period, ends the process at once.
 */
import type { Logger } from './logger.ts';

export interface Stoppable {
  readonly name: string;
  stop(): Promise<void>;
}

export function stopOnSignal(parts: readonly Stoppable[], logger: Logger, graceMs = 10_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'stop timed out');
      process.exit(1);
    }, graceMs);
    timer.unref();
    void stopAll(parts, logger).then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export async function stopAll(parts: readonly Stoppable[], logger: Logger): Promise<void> {
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
    } catch (error) {
      logger.error({ err: error, part: part.name }, 'error while stopping');
    }
  }
}

/** Prints a configuration error (which names the variable) and exits without a stack trace. */
export function exitOnStartupError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`equipment-graph: ${message}\n`);
  process.exit(1);
}
