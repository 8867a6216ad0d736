/**
 * npm run start:subgraph -- <permit|inspection|elevator|credit|supervision>: one subgraph over the legacy
 * system its configuration names (by default the embedded stand-ins' addresses and the seeded data
 * folder); supervision reads all four systems and needs their servers' configuration.
 */
import { openAuditTrail, readAuditConfig } from '../subgraphs/common/audit/config.ts';
import { join } from 'node:path';
import { legacyCallMetrics } from '../adapters/core/call-metrics.ts';
import { createPermitAdapter } from '../adapters/permit/index.ts';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { type Env, readOptional } from '../runtime/env.ts';
import { exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import { LegacyResilience } from '../adapters/core/guard.ts';
import { readResilienceConfig } from '../subgraphs/resilience-config.ts';
import type { BuildContext, BuiltSubgraph } from '../subgraphs/common/build.ts';
import { startSubgraph } from '../subgraphs/common/server.ts';
import { openSharedReaders } from '../subgraphs/common/shared-databases.ts';
import { readGatewayTrust, readSubgraphProcessConfig } from '../subgraphs/config.ts';
import { buildCreditSubgraph } from '../subgraphs/credit/build.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { buildElevatorSubgraph, openElevatorAdapter } from '../subgraphs/elevator/build.ts';
import { readElevatorConfig, requireAppSecret } from '../subgraphs/elevator/config.ts';
import { eligibilityFromPorts } from '../subgraphs/elevator/eligibility.ts';
import { buildInspectionSubgraph } from '../subgraphs/inspection/build.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { buildPermitSubgraph } from '../subgraphs/permit/build.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { readLiveConfig } from '../gateway/live/config.ts';
import { redisBus } from '../runtime/bus/redis.ts';
import { buildSupervisionSubgraph } from '../subgraphs/supervision/build.ts';
import { readSupervisionConfig } from '../subgraphs/supervision/config.ts';

/** The subgraphs whose changes are live events: the alarm feed's, and the district figures they count. */
const PUBLISHERS: readonly SubgraphName[] = ['elevator', 'inspection', 'credit'];

/** The subgraph `name` over what the environment configures; stores default to the seeded data folder. */
async function build(name: SubgraphName, env: Env, context: BuildContext): Promise<BuiltSubgraph> {
  const embedded = readEmbeddedConfig(env);
  const seeded = seedFolder(embedded.dataDir, embedded);
  const credit = () =>
    readCreditConfig(env, { dropDir: join(seeded, 'credit'), storeDir: join(seeded, 'credit-store') });
  const inspection = () => readInspectionConfig(env, { dataDir: join(seeded, 'inspection') });
  const elevatorPlatform = () => {
    const config = readElevatorConfig(env);
    return { config, platform: { ...config.platform, appSecret: requireAppSecret(config) } };
  };
  switch (name) {
    case 'permit':
      return buildPermitSubgraph(readPermitConfig(env).service, context);
    case 'inspection':
      return buildInspectionSubgraph(inspection(), context);
    case 'credit':
      return buildCreditSubgraph(credit(), context);
    case 'elevator': {
      const { config, platform } = elevatorPlatform();
      const readers = await openSharedReaders(credit(), inspection(), 'elevator', context);
      const built = buildElevatorSubgraph(
        config,
        { platform, eligibility: eligibilityFromPorts(readers.credit, readers.inspection) },
        context,
      );
      return { ...built, parts: [...readers.parts, ...built.parts] };
    }
    case 'supervision': {
      // Reads the stores the inspection and credit subgraphs serve; it never ingests credit files itself.
      const { config, platform } = elevatorPlatform();
      const readers = await openSharedReaders(credit(), inspection(), 'supervision', context);
      const permit = createPermitAdapter({
        ...readPermitConfig(env).service,
        logger: context.logger,
        observers: context.observers,
        guard: context.resilience?.forSystem('permit'),
      });
      const elevator = openElevatorAdapter(config, platform, context);
      const built = buildSupervisionSubgraph(
        readSupervisionConfig(env),
        { elevator, permit, credit: readers.credit, inspection: readers.inspection },
        context,
      );
      return { ...built, parts: [...readers.parts, ...built.parts] };
    }
  }
}

try {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPHS.includes(name))
    throw new Error(`usage: npm run start:subgraph -- <${SUBGRAPHS.join('|')}>, got '${process.argv[2] ?? ''}'`);
  const config = readSubgraphProcessConfig(process.env, name);
  const trust = readGatewayTrust(process.env);
  const logger = createLogger({ level: config.logLevel, name: `subgraph-${name}` });
  // Its legacy calls, counted and timed, on the subgraph's own GET /metrics.
  const metrics = new Metrics();
  const resilience = readResilienceConfig(process.env);
  // With REDIS_URL, live events (alarm changes, recounted district figures) go to the gateways' bus; each
  // gateway drops what a second replica of this subgraph publishes again.
  const redisUrl = PUBLISHERS.includes(name) ? readOptional(process.env, 'REDIS_URL') : undefined;
  const bus = redisUrl ? await redisBus(redisUrl, readLiveConfig(process.env).channel, logger) : undefined;
  const built = await build(name, process.env, {
    clock: config.clock,
    logger,
    observers: [legacyCallMetrics(metrics)],
    metrics,
    resilience: new LegacyResilience(resilience.settings, metrics),
    publishLive: bus && ((events) => events.forEach((event) => void bus.publish(event))),
  });
  await built.warmUp();
  const audit = await openAuditTrail(readAuditConfig(process.env));
  const server = await startSubgraph(built.definition, {
    audit,
    host: config.host,
    port: config.port,
    logger,
    metrics,
    limits: config.queryLimits,
    requestTimeoutMs: resilience.subgraphRequestTimeoutMs,
    trust,
  });
  logger.info({ url: server.url }, 'subgraph listening');
  stopOnSignal(
    [
      ...(bus ? [{ name: 'live bus', stop: () => bus.stop() }] : []),
      ...built.parts,
      { name: 'audit trail', stop: () => audit.close() },
      { name: 'subgraph', stop: () => server.stop() },
    ],
    logger,
  );
} catch (error) {
  exitOnStartupError(error);
}
