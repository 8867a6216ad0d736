/**
 * npm start — the embedded default, demo city: the gateway on the main thread, the legacy stand-ins and
 * the subgraphs on a worker thread each (embedded/stack.ts).
 */
import { readEmbeddedConfig } from '../embedded/config.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';

try {
  const logger = createLogger({ level: readEmbeddedConfig(process.env).logLevel, name: 'equipment-graph' });
  const stack = await startEmbeddedStack(process.env, logger);
  stopOnSignal([{ name: 'stack', stop: () => stack.stop() }], logger);
  // Without a worker thread the gateway can only fail requests: end, so a supervisor restarts the process.
  for (const thread of Object.values(stack.threads))
    void thread.ended.then((end) => {
      if (!end.stopped) process.exit(1);
    });
  const { scale, seed, asOf } = stack.seeded.spec;
  process.stdout.write(
    `\nequipment-graph is up in ${(stack.startupMs / 1000).toFixed(1)} s (${scale} city, seed ${seed}, as of ${asOf}).\n` +
      `Explorer: ${stack.gateway.url}\nHealth: ${stack.gateway.healthUrl}  Ready: ${new URL('/ready', stack.gateway.url)}\n\n`,
  );
} catch (error) {
  exitOnStartupError(error);
}
