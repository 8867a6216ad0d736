/**
 * npm start — the embedded default, demo city: the gateway on the main thread, the legacy stand-ins and
 * the subgraphs on a worker thread each (embedded/stack.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';

// Each thread's heap is collected when it has grown 30% past what the last full collection kept, not the
// up to 4× V8 picks for a heap that allocates quickly: the subgraph thread holds a city's indexes (about
// 290 MiB), and answering the first questions after a start took it 100 MiB past that before a collection
// (city peak RSS 1,534-1,582 MiB with V8's default, 1,376-1,377 MiB with this; bench/README.md). Set before
// the worker threads exist, so theirs are collected alike.
setFlagsFromString('--heap-growing-percent=30');

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
