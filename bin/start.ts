/**
 * npm start — the embedded default, demo city: the gateway on the main thread, stand-ins, databases and
 * subgraphs on one worker thread (embedded/stack.ts).
 */
import { readEmbeddedConfig } from '../embedded/config.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';

try {
  const logger = createLogger({ level: readEmbeddedConfig(process.env).logLevel, name: 'equipment-graph' });
  const stack = await startEmbeddedStack(process.env, logger);
  stopOnSignal([{ name: 'stack', stop: () => stack.stop() }], logger);
  // Without its subgraph thread the gateway can only fail every request: end, so a supervisor restarts it.
  void stack.subgraphThread.ended.then((end) => {
    if (!end.stopped) process.exit(1);
  });
  const { scale, seed, asOf } = stack.seeded.spec;
  process.stdout.write(
    `\nequipment-graph is up in ${(stack.startupMs / 1000).toFixed(1)} s (${scale} city, seed ${seed}, as of ${asOf}).\n` +
      `Explorer: ${stack.gateway.url}\nHealth: ${new URL('/health', stack.gateway.url)}  Ready: ${new URL('/ready', stack.gateway.url)}\n\n`,
  );
} catch (error) {
  exitOnStartupError(error);
}
