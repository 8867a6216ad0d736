/**
 * The embedded default: seeds the data folder once, then starts the four legacy stand-ins, the five
 * subgraphs over them (each built by its own builder, as `npm run start:subgraph` builds it; here the
 * elevator and supervision subgraphs share the other subgraphs' adapters) and the gateway, in one
 * process. Adapters are pointed at the stand-ins' actual addresses and the gateway at the subgraphs'
 * actual ones, so every port may be 0 in tests.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { legacyCallMetrics } from '../adapters/core/call-metrics.ts';
import type { CallObserver } from '../adapters/core/calls.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import type { SubgraphName } from '../graph/names.ts';
import { prepareCredit } from '../legacy/credit/feed.ts';
import { prepareElevator, startElevatorStandIn } from '../legacy/elevator/index.ts';
import { prepareInspection, startInspectionStandIn } from '../legacy/inspection/index.ts';
import { preparePermit, startPermitStandIn } from '../legacy/permit/index.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { World } from '../legacy/seed/world.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import { type Stoppable, stopAll } from '../runtime/lifecycle.ts';
import type { Logger } from '../runtime/logger.ts';
import { Metrics } from '../runtime/metrics.ts';
import type { BuildContext, BuiltSubgraph } from '../subgraphs/common/build.ts';
import { startSubgraph } from '../subgraphs/common/server.ts';
import { buildCreditSubgraph } from '../subgraphs/credit/build.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { readGatewayTrust } from '../subgraphs/config.ts';
import { buildElevatorSubgraph } from '../subgraphs/elevator/build.ts';
import { readElevatorConfig } from '../subgraphs/elevator/config.ts';
import { type ElevatorIndex, eligibilityFromPorts } from '../subgraphs/elevator/index.ts';
import { buildInspectionSubgraph } from '../subgraphs/inspection/build.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { buildPermitSubgraph } from '../subgraphs/permit/build.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { buildSupervisionSubgraph } from '../subgraphs/supervision/build.ts';
import { readSupervisionConfig } from '../subgraphs/supervision/config.ts';
import type { SupervisionIndex } from '../subgraphs/supervision/index.ts';
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
  inspection: async (world: World, dir: string) => {
    await prepareInspection(world, { dataDir: dir });
  },
  elevator: async (world: World, dir: string) => prepareElevator(world, dir),
  credit: async (world: World, dir: string) => {
    await prepareCredit(world, dir);
  },
};

/**
 * `observers`: extra observers of the legacy calls requests cause (tests count them); background feeds are not shown to
 * them.
 */
export async function startEmbeddedStack(
  env: Env,
  logger: Logger,
  options: { observers?: CallObserver[] } = {},
): Promise<EmbeddedStack> {
  const started = performance.now();
  const config = readEmbeddedConfig(env);
  const permitConfig = readPermitConfig(env);
  const inspectionConfig = readInspectionConfig(env);
  const elevatorConfig = readElevatorConfig(env);
  const gatewayConfig = readGatewayConfig(env, 'embedded');
  // Subgraphs accept only this gateway: the secret it signs with (one per start unless configured).
  const trust = readGatewayTrust({ ...env, GATEWAY_SIGNING_SECRET: gatewayConfig.callers.signingSecret });
  const clock = clockFromSetting(config.clock, config.asOf);
  // One registry for the process: every adapter's legacy calls, and the gateway's requests and fetches, on the
  // gateway's /metrics.
  const metrics = new Metrics();
  const callMetrics = legacyCallMetrics(metrics);
  const context: BuildContext = {
    clock,
    logger,
    observers: [...(options.observers ?? []), callMetrics],
    backgroundObservers: [callMetrics],
  };
  const seeded = await ensureSeeded(config.dataDir, config, (spec) => generateWorld(spec), PREPARERS, logger);
  const parts: Stoppable[] = [];
  const urls: Partial<Record<SubgraphName, string>> = {};
  const serve = async (name: SubgraphName, built: BuiltSubgraph): Promise<void> => {
    parts.push(...built.parts);
    const server = await startSubgraph(built.definition, {
      host: config.subgraphHost,
      port: config.subgraphPorts[name],
      logger,
      trust,
    });
    parts.push({ name: `${name} subgraph`, stop: () => server.stop() });
    urls[name] = server.url;
  };
  try {
    // Permit: the SOAP stand-in on loopback; its ID-number lookup takes a WS-Security account made per start.
    const permitAccount = { username: 'equipment-graph', password: randomBytes(24).toString('base64url') };
    const permitStandIn = await startPermitStandIn({
      dir: join(seeded.dir, 'permit'),
      host: '127.0.0.1',
      port: permitConfig.standIn.port,
      path: permitConfig.standIn.path,
      accounts: [permitAccount],
    });
    parts.push({ name: 'permit stand-in', stop: () => permitStandIn.stop() });
    const permit = buildPermitSubgraph(
      { ...permitConfig.service, url: permitStandIn.url, credentials: permitAccount },
      context,
    );
    await serve('permit', permit);

    // Inspection: the embedded exchange database (PGlite) unless a PostgreSQL server is configured.
    let inspection: Awaited<ReturnType<typeof buildInspectionSubgraph>>;
    if (inspectionConfig.database.kind === 'postgres') {
      inspection = await buildInspectionSubgraph(inspectionConfig, context);
    } else {
      const standIn = await startInspectionStandIn({ dataDir: join(seeded.dir, 'inspection') });
      parts.push({ name: 'inspection database', stop: () => standIn.stop() });
      inspection = await buildInspectionSubgraph(inspectionConfig, context, {
        kind: 'instance',
        pglite: standIn.connection,
      });
    }
    await serve('inspection', inspection);

    // Credit: the drop directory the seed filled, ingested before serving, then polled.
    const credit = await buildCreditSubgraph(
      readCreditConfig(env, { dropDir: join(seeded.dir, 'credit'), storeDir: join(seeded.dir, 'credit-store') }),
      context,
    );
    await credit.warmUp();
    await serve('credit', credit);

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
    // On-demand eligibility needs the maintainers' credit classes and the elevators' inspections.
    const elevator = buildElevatorSubgraph(
      elevatorConfig,
      {
        platform: { ...app, url: elevatorStandIn.url },
        eligibility: eligibilityFromPorts(credit.adapter, inspection.adapter),
      },
      context,
    );
    await serve('elevator', elevator);

    // Supervision: no system of its own; it joins the four through the same adapters.
    const supervision = buildSupervisionSubgraph(
      readSupervisionConfig(env),
      { elevator: elevator.adapter, permit: permit.adapter, credit: credit.adapter, inspection: inspection.adapter },
      context,
    );
    await serve('supervision', supervision);

    // The indexes are built (and the alarm feed read) once before the gateway opens, so no first request waits for
    // them.
    await Promise.all([elevator.warmUp(), supervision.warmUp()]);

    const gateway = await startGateway(
      { ...gatewayConfig, subgraphUrls: { ...urls, ...gatewayConfig.subgraphUrls } },
      logger,
      metrics,
    );
    parts.push({ name: 'gateway', stop: () => gateway.stop() });
    return {
      gateway,
      seeded,
      clock,
      startupMs: Math.round(performance.now() - started),
      supervisionIndex: supervision.index,
      elevatorIndex: elevator.index,
      stop: () => stopAll(parts, logger),
    };
  } catch (error) {
    await stopAll(parts, logger);
    throw error;
  }
}
