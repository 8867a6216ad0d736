/**
 * npm run start:subgraph -- <permit|inspection|elevator|credit|supervision>: one subgraph over the legacy
 * system its configuration names (by default the embedded stand-ins' addresses and the seeded data
 * folder); supervision reads all four systems and needs their servers' configuration.
 */
import { join } from 'node:path';
import { legacyCallMetrics } from '../adapters/core/call-metrics.ts';
import type { CallObserver } from '../adapters/core/calls.ts';
import { createCreditAdapter } from '../adapters/credit/index.ts';
import { Metrics } from '../runtime/metrics.ts';
import { createElevatorAdapter } from '../adapters/elevator/index.ts';
import { createInspectionAdapter } from '../adapters/inspection/index.ts';
import { createPermitAdapter } from '../adapters/permit/index.ts';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { clockFromSetting } from '../runtime/clock.ts';
import { exitOnStartupError, type Stoppable, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger, type Logger } from '../runtime/logger.ts';
import { type SubgraphDefinition, startSubgraph } from '../subgraphs/common/server.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { createCreditSubgraph } from '../subgraphs/credit/index.ts';
import { readElevatorConfig, requireAppSecret } from '../subgraphs/elevator/config.ts';
import { createElevatorSubgraph, eligibilityFromPorts } from '../subgraphs/elevator/index.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { createInspectionSubgraph } from '../subgraphs/inspection/index.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { createPermitSubgraph } from '../subgraphs/permit/index.ts';
import { readSupervisionConfig } from '../subgraphs/supervision/config.ts';
import { requireSharedDatabases } from '../subgraphs/common/shared-databases.ts';
import { createSupervisionSubgraph } from '../subgraphs/supervision/index.ts';

type Built = { definition: SubgraphDefinition<unknown>; stops: Stoppable[] };

/** Read-only adapters over the credit store and the inspection database that their own subgraphs serve (both on servers). */
async function sharedReaders(env: NodeJS.ProcessEnv, seeded: string, logger: Logger, observers: CallObserver[], subgraph: string) {
  const shared = requireSharedDatabases(env, subgraph);
  const inspectionConfig = readInspectionConfig(env);
  const creditConfig = readCreditConfig(env, { dropDir: join(seeded, 'credit'), storeDir: join(seeded, 'credit-store') });
  const inspection = await createInspectionAdapter({ databaseUrl: shared.inspectionDatabaseUrl, schema: inspectionConfig.schema, timeoutMs: inspectionConfig.timeoutMs, logger, observers });
  // Never started: the credit subgraph's process ingests the drop files; this one only reads.
  const credit = await createCreditAdapter({ dropDir: creditConfig.dropDir, databaseUrl: shared.creditDatabaseUrl, timeoutMs: creditConfig.timeoutMs, logger, observers });
  const stops: Stoppable[] = [{ name: 'inspection adapter', stop: () => inspection.close() }, { name: 'credit adapter', stop: () => credit.close() }];
  return { inspection, credit, stops };
}

async function build(name: SubgraphName, env: NodeJS.ProcessEnv, logger: Logger, observers: CallObserver[]): Promise<Built> {
  const embedded = readEmbeddedConfig(env);
  const clock = clockFromSetting(env.CLOCK_NOW ? embedded.clock : 'system', embedded.asOf);
  const seeded = seedFolder(embedded.dataDir, embedded);
  switch (name) {
    case 'permit': {
      const adapter = createPermitAdapter({ ...readPermitConfig(env).service, logger, observers });
      return { definition: createPermitSubgraph({ adapter, clock }) as SubgraphDefinition<unknown>, stops: [] };
    }
    case 'inspection': {
      const config = readInspectionConfig(env, { dataDir: join(seeded, 'inspection') });
      const source = config.database.kind === 'postgres' ? { databaseUrl: config.database.databaseUrl } : { dataDir: config.database.dataDir };
      const adapter = await createInspectionAdapter({ ...source, schema: config.schema, timeoutMs: config.timeoutMs, logger, observers });
      return { definition: createInspectionSubgraph({ adapter, clock, logger }) as SubgraphDefinition<unknown>, stops: [{ name: 'inspection adapter', stop: () => adapter.close() }] };
    }
    case 'elevator': {
      const config = readElevatorConfig(env);
      const adapter = createElevatorAdapter({ ...config.platform, appSecret: requireAppSecret(config), logger, observers });
      const readers = await sharedReaders(env, seeded, logger, observers, 'elevator');
      const subgraph = createElevatorSubgraph({
        adapter, eligibility: eligibilityFromPorts(readers.credit, readers.inspection), clock, rules: config.rules, indexMaxAgeMs: config.indexMaxAgeMs, alarmPollMs: config.alarmPollMs, logger,
      });
      subgraph.alarms.start();
      return { definition: subgraph as SubgraphDefinition<unknown>, stops: [...readers.stops, { name: 'elevator alarm feed', stop: () => subgraph.alarms.stop() }] };
    }
    case 'credit': {
      const config = readCreditConfig(env, { dropDir: join(seeded, 'credit'), storeDir: join(seeded, 'credit-store') });
      const store = config.store.kind === 'postgres' ? { databaseUrl: config.store.databaseUrl } : { storeDir: config.store.storeDir };
      const adapter = await createCreditAdapter({ dropDir: config.dropDir, ...store, pollMs: config.pollMs, timeoutMs: config.timeoutMs, logger, observers });
      await adapter.ingest();
      adapter.start();
      return { definition: createCreditSubgraph({ adapter, clock, logger }) as SubgraphDefinition<unknown>, stops: [{ name: 'credit adapter', stop: () => adapter.close() }] };
    }
    case 'supervision': {
      // Reads the stores the inspection and credit subgraphs serve; it never ingests credit files itself.
      const config = readSupervisionConfig(env);
      const elevatorConfig = readElevatorConfig(env);
      const permit = createPermitAdapter({ ...readPermitConfig(env).service, logger, observers });
      const elevator = createElevatorAdapter({ ...elevatorConfig.platform, appSecret: requireAppSecret(elevatorConfig), logger, observers });
      const { inspection, credit, stops } = await sharedReaders(env, seeded, logger, observers, 'supervision');
      const subgraph = createSupervisionSubgraph({ ports: { elevator, permit, credit, inspection }, clock, ...config, logger });
      await subgraph.index.refresh();
      return { definition: subgraph as SubgraphDefinition<unknown>, stops };
    }
  }
}

try {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPHS.includes(name)) throw new Error(`usage: npm run start:subgraph -- <${SUBGRAPHS.join('|')}>, got '${process.argv[2] ?? ''}'`);
  const logger = createLogger({ level: readGatewayConfig(process.env).logLevel, name: `subgraph-${name}` });
  // Its legacy calls, counted and timed, on the subgraph's own GET /metrics.
  const metrics = new Metrics();
  const { definition, stops } = await build(name, process.env, logger, [legacyCallMetrics(metrics)]);
  const embedded = readEmbeddedConfig(process.env);
  const server = await startSubgraph(definition, { host: embedded.subgraphHost, port: embedded.subgraphPorts[name], logger, metrics });
  logger.info({ url: server.url }, 'subgraph listening');
  stopOnSignal([...stops, { name: 'subgraph', stop: () => server.stop() }], logger);
} catch (error) {
  exitOnStartupError(error);
}
