/** npm run start:gateway — the federation gateway alone, over subgraphs running elsewhere. */
import { readGatewayConfig } from '../gateway/config.ts';
import { startGateway } from '../gateway/server.ts';
import { exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';

try {
  const config = readGatewayConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name: 'equipment-graph' });
  const gateway = await startGateway(config, logger);
  stopOnSignal([{ name: 'gateway', stop: () => gateway.stop() }], logger);
} catch (error) {
  exitOnStartupError(error);
}
