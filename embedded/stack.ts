/**
 * The embedded default: seeds the data folder once, then starts the four legacy stand-ins, their
 * adapters and subgraphs, the supervision subgraph over the same four adapters, and the gateway, in one process. Adapters are pointed at the stand-ins'
 * actual addresses and the gateway at the subgraphs' actual ones, so every port may be 0 in tests.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createCreditAdapter } from '../adapters/credit/index.ts';
import type { CallObserver } from '../adapters/core/calls.ts';
import { legacyCallMetrics } from '../adapters/core/call-metrics.ts';
import { Metrics } from '../runtime/metrics.ts';
import { createElevatorAdapter } from '../adapters/elevator/index.ts';
import { createInspectionAdapter } from '../adapters/inspection/index.ts';
import { createPermitAdapter } from '../adapters/permit/index.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import { prepareCredit } from '../legacy/credit/feed.ts';
import { prepareElevator, startElevatorStandIn } from '../legacy/elevator/index.ts';
import { prepareInspection, startInspectionStandIn } from '../legacy/inspection/index.ts';
import { preparePermit, startPermitStandIn } from '../legacy/permit/index.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { World } from '../legacy/seed/world.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import type { Stoppable } from '../runtime/lifecycle.ts';
import { stopAll } from '../runtime/lifecycle.ts';
import type { Logger } from '../runtime/logger.ts';
import { startSubgraph } from '../subgraphs/common/server.ts';
import { createCreditSubgraph } from '../subgraphs/credit/index.ts';
import { type ElevatorIndex, createElevatorSubgraph, eligibilityFromPorts } from '../subgraphs/elevator/index.ts';
import { readElevatorConfig } from '../subgraphs/elevator/config.ts';
import { createInspectionSubgraph } from '../subgraphs/inspection/index.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { createPermitSubgraph } from '../subgraphs/permit/index.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { type SupervisionIndex, createSupervisionSubgraph } from '../subgraphs/supervision/index.ts';
import { readSupervisionConfig } from '../subgraphs/supervision/config.ts';
import { readEmbeddedConfig } from './config.ts';
import { type SeededFolder, ensureSeeded } from './seed-data.ts';

export interface EmbeddedStack {
  readonly gateway: RunningGateway;
  readonly seeded: SeededFolder;
  readonly clock: Clock;
  readonly startupMs: number;
  /** The supervision subgraph's cross-system index (benchmarks time its rebuild). */
  readonly supervisionIndex: SupervisionIndex;
  /** The elevator subgraph's index (benchmarks time its rebuild). */
  readonly elevatorIndex: ElevatorIndex;
  stop(): Promise<void>;
}

export const PREPARERS = {
  permit: async (world: World, dir: string) => preparePermit(world, dir),
  inspection: async (world: World, dir: string) => { await prepareInspection(world, { dataDir: dir }); },
  elevator: async (world: World, dir: string) => prepareElevator(world, dir),
  credit: async (world: World, dir: string) => { await prepareCredit(world, dir); },
};

export async function startEmbeddedStack(env: Env, logger: Logger, options: { observers?: CallObserver[] } = {}): Promise<EmbeddedStack> {
  const started = performance.now();
  const config = readEmbeddedConfig(env);
  const permitConfig = readPermitConfig(env);
  const inspectionConfig = readInspectionConfig(env);
  const elevatorConfig = readElevatorConfig(env);
  const supervisionConfig = readSupervisionConfig(env);
  const gatewayConfig = readGatewayConfig(env);
  const clock = clockFromSetting(config.clock, config.asOf);
  // One registry for the process: every adapter's legacy calls, and the gateway's requests and fetches, on the gateway's /metrics.
  const metrics = new Metrics();
  const callMetrics = legacyCallMetrics(metrics);
  const observers = [...(options.observers ?? []), callMetrics];
  const seeded = await ensureSeeded(config.dataDir, config, (spec) => generateWorld(spec), PREPARERS, logger);
  const parts: Stoppable[] = [];
  const host = config.subgraphHost;
  try {
    // Permit: SOAP stand-in → adapter → subgraph.
    const permitStandIn = await startPermitStandIn({ dir: join(seeded.dir, 'permit'), host: '127.0.0.1', port: permitConfig.standIn.port, path: permitConfig.standIn.path });
    parts.push({ name: 'permit stand-in', stop: () => permitStandIn.stop() });
    const permitAdapter = createPermitAdapter({ ...permitConfig.service, url: permitStandIn.url, logger, observers });
    const permit = await startSubgraph(createPermitSubgraph({ adapter: permitAdapter, clock }), { host, port: config.subgraphPorts.permit, logger });
    parts.push({ name: 'permit subgraph', stop: () => permit.stop() });

    // Inspection: the embedded exchange database (PGlite) unless a PostgreSQL server is configured.
    let inspectionAdapter;
    if (inspectionConfig.database.kind === 'postgres') {
      inspectionAdapter = await createInspectionAdapter({ databaseUrl: inspectionConfig.database.databaseUrl, schema: inspectionConfig.schema, timeoutMs: inspectionConfig.timeoutMs, logger, observers });
    } else {
      const standIn = await startInspectionStandIn({ dataDir: join(seeded.dir, 'inspection') });
      parts.push({ name: 'inspection database', stop: () => standIn.stop() });
      inspectionAdapter = await createInspectionAdapter({ pglite: standIn.connection, timeoutMs: inspectionConfig.timeoutMs, logger, observers });
    }
    const inspectionPort = inspectionAdapter;
    parts.push({ name: 'inspection adapter', stop: () => inspectionPort.close() });
    const inspection = await startSubgraph(createInspectionSubgraph({ adapter: inspectionAdapter, clock, logger }), { host, port: config.subgraphPorts.inspection, logger });
    parts.push({ name: 'inspection subgraph', stop: () => inspection.stop() });

    // Credit: the drop directory the seed filled, ingested before serving, then polled.
    const creditConfig = readCreditConfig(env, { dropDir: join(seeded.dir, 'credit'), storeDir: join(seeded.dir, 'credit-store') });
    const creditStore = creditConfig.store.kind === 'postgres' ? { databaseUrl: creditConfig.store.databaseUrl } : { storeDir: creditConfig.store.storeDir };
    const creditAdapter = await createCreditAdapter({ dropDir: creditConfig.dropDir, ...creditStore, pollMs: creditConfig.pollMs, timeoutMs: creditConfig.timeoutMs, logger, observers });
    parts.push({ name: 'credit adapter', stop: () => creditAdapter.close() });
    await creditAdapter.ingest();
    creditAdapter.start();
    const credit = await startSubgraph(createCreditSubgraph({ adapter: creditAdapter, clock, logger }), { host, port: config.subgraphPorts.credit, logger });
    parts.push({ name: 'credit subgraph', stop: () => credit.stop() });

    // Elevator: a fresh app secret per start, shared by the stand-in and the adapter only.
    const app = { appKey: elevatorConfig.platform.appKey, appSecret: randomBytes(24).toString('base64url') };
    const elevatorStandIn = await startElevatorStandIn({
      dir: join(seeded.dir, 'elevator'),
      host: '127.0.0.1',
      port: elevatorConfig.standIn.port,
      apps: [app],
      rateLimit: { perSecond: elevatorConfig.standIn.ratePerSecond, burst: elevatorConfig.standIn.rateBurst },
    });
    parts.push({ name: 'elevator stand-in', stop: () => elevatorStandIn.stop() });
    const elevatorAdapter = createElevatorAdapter({ ...elevatorConfig.platform, ...app, url: elevatorStandIn.url, logger, observers });
    // On-demand eligibility needs the maintainers' credit classes and the elevators' inspections.
    const eligibility = eligibilityFromPorts(creditAdapter, inspectionAdapter);
    // The alarm feed is followed in the background with an adapter of its own, without the callers'
    // observers: its polls are no request's cost, and callers counting a request's legacy calls must not see them.
    const alarmFeed = createElevatorAdapter({ ...elevatorConfig.platform, ...app, url: elevatorStandIn.url, logger, observers: [callMetrics] });
    const elevatorSubgraph = createElevatorSubgraph({
      adapter: elevatorAdapter, eligibility, clock, rules: elevatorConfig.rules, indexMaxAgeMs: elevatorConfig.indexMaxAgeMs, alarmPollMs: elevatorConfig.alarmPollMs, alarmFeed, logger,
    });
    const elevator = await startSubgraph(elevatorSubgraph, { host, port: config.subgraphPorts.elevator, logger });
    parts.push({ name: 'elevator subgraph', stop: () => elevator.stop() });
    elevatorSubgraph.alarms.start();
    parts.push({ name: 'elevator alarm feed', stop: async () => { await elevatorSubgraph.alarms.stop(); alarmFeed.close(); } });

    // Supervision: no system of its own; it joins the four through the same adapters.
    const supervisionSubgraph = createSupervisionSubgraph({
      ports: { elevator: elevatorAdapter, permit: permitAdapter, credit: creditAdapter, inspection: inspectionAdapter },
      clock,
      windowDays: supervisionConfig.windowDays,
      dailyElevatorLimit: supervisionConfig.dailyElevatorLimit,
      indexMaxAgeMs: supervisionConfig.indexMaxAgeMs,
      logger,
    });
    const supervision = await startSubgraph(supervisionSubgraph, { host, port: config.subgraphPorts.supervision, logger });
    parts.push({ name: 'supervision subgraph', stop: () => supervision.stop() });

    // The indexes are built (and the alarm feed read) once before the gateway opens, so no first request waits for them.
    await Promise.all([elevatorSubgraph.index.refresh(), elevatorSubgraph.alarms.poll(), supervisionSubgraph.index.refresh()]);

    const gateway = await startGateway(
      { ...gatewayConfig, subgraphUrls: { permit: permit.url, inspection: inspection.url, elevator: elevator.url, credit: credit.url, supervision: supervision.url, ...gatewayConfig.subgraphUrls } },
      logger,
      metrics,
    );
    parts.push({ name: 'gateway', stop: () => gateway.stop() });
    return { gateway, seeded, clock, startupMs: Math.round(performance.now() - started), supervisionIndex: supervisionSubgraph.index, elevatorIndex: elevatorSubgraph.index, stop: () => stopAll(parts, logger) };
  } catch (error) {
    await stopAll(parts, logger);
    throw error;
  }
}
