/**
 * The subgraph side of the embedded start, on a thread of its own (subgraph-thread.ts): the adapters
 * and the five subgraphs over the legacy systems the legacy thread started (each built by its own
 * builder, as `npm run start:subgraph` builds it; here the elevator and supervision subgraphs share
 * the other subgraphs' adapters), each on its own loopback port, and their warm-up: credit ingestion
 * into the credit store, the elevator and supervision indexes. Every port may be 0 in tests.
 */
import { basename, join } from 'node:path';
import { openAuditTrail, readAuditConfig } from '../subgraphs/common/audit/config.ts';
import { legacyCallMetrics } from '../adapters/core/call-metrics.ts';
import { LegacyResilience } from '../adapters/core/guard.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import type { CallObserver } from '../adapters/core/calls.ts';
import type { PublishLive } from '../graph/live-events.ts';
import type { SubgraphName } from '../graph/names.ts';
import { clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import { type Stoppable, stopAll } from '../runtime/lifecycle.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Metrics } from '../runtime/metrics.ts';
import type { BuildContext, BuiltSubgraph } from '../subgraphs/common/build.ts';
import { startSubgraph } from '../subgraphs/common/server.ts';
import { buildCreditSubgraph } from '../subgraphs/credit/build.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { buildElevatorSubgraph } from '../subgraphs/elevator/build.ts';
import { readElevatorConfig } from '../subgraphs/elevator/config.ts';
import { eligibilityFromPorts } from '../subgraphs/elevator/index.ts';
import { buildInspectionSubgraph } from '../subgraphs/inspection/build.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { buildPermitSubgraph } from '../subgraphs/permit/build.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { readResilienceConfig } from '../subgraphs/resilience-config.ts';
import { readGatewayTrust } from '../subgraphs/config.ts';
import { buildSupervisionSubgraph } from '../subgraphs/supervision/build.ts';
import { readSupervisionConfig } from '../subgraphs/supervision/config.ts';
import { readEmbeddedConfig } from './config.ts';
import type { SqlStore } from '../adapters/credit/store.ts';
import { type InspectionDatabase, type LegacyAddresses, creditFolders } from './legacy-systems.ts';

/** The indexes a benchmark or an operator may have rebuilt now. */
export type IndexName = 'elevator' | 'supervision';

/** What one rebuild took, and how large the new index is (its own counts). */
export interface IndexRefresh {
  readonly ms: number;
  readonly sizes: Readonly<Record<string, number>>;
}

export interface RunningSubgraphs {
  /** Where each subgraph listens. */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Each legacy system's guard (breaker state, retry budget), shared by every adapter of the system here. */
  readonly resilience: LegacyResilience;
  /** Rebuilds one index now (answers keep coming from the previous one meanwhile). */
  refreshIndex(name: IndexName): Promise<IndexRefresh>;
  stop(): Promise<void>;
}

/**
 * `legacy`: where the legacy thread's systems are, and the embedded databases it holds (databases.ts). `metrics`: the subgraph thread's registry (legacy calls). `observers`: extra observers of the legacy
 * calls requests cause (tests count them); background feeds are not shown to them. `beforeAnswer`: awaited before
 * each subgraph answer leaves (see startSubgraph).
 */
export async function startSubgraphs(
  env: Env,
  logger: Logger,
  metrics: Metrics,
  legacy: {
    readonly addresses: LegacyAddresses;
    readonly inspection: InspectionDatabase | undefined;
    readonly credit: SqlStore | undefined;
  },
  options: { observers?: CallObserver[]; beforeAnswer?: () => Promise<void>; publishLive?: PublishLive } = {},
): Promise<RunningSubgraphs> {
  const config = readEmbeddedConfig(env);
  const permitConfig = readPermitConfig(env);
  const inspectionConfig = readInspectionConfig(env);
  const elevatorConfig = readElevatorConfig(env);
  const supervisionConfig = readSupervisionConfig(env);
  const gatewayConfig = readGatewayConfig(env, 'embedded');
  // Subgraphs accept only this process's gateway: the secret it signs with, given by the gateway's thread.
  const trust = readGatewayTrust(env);
  const resilienceConfig = readResilienceConfig(env);
  const clock = clockFromSetting(config.clock, config.asOf);
  const callMetrics = legacyCallMetrics(metrics);
  // One guard per legacy system for the whole process: every adapter of a system shares its breaker.
  const resilience = new LegacyResilience(resilienceConfig.settings, metrics);
  const context: BuildContext = {
    clock,
    logger,
    observers: [...(options.observers ?? []), callMetrics],
    backgroundObservers: [callMetrics],
    metrics,
    resilience,
    publishLive: options.publishLive,
  };
  const { seeded } = legacy.addresses;
  // Kept beside the seeded data they were built from: another seed or seed format is another folder.
  const keepIndex = config.indexSnapshots
    ? { dir: join(seeded.dir, 'indexes'), source: basename(seeded.dir) }
    : undefined;
  const parts: Stoppable[] = [];
  // One personal-data audit trail for the subgraphs of this start (audit/config.ts: the data folder by default).
  const audit = await openAuditTrail(readAuditConfig(env));
  parts.push({ name: 'audit trail', stop: () => audit.close() });
  const urls: Partial<Record<SubgraphName, string>> = {};
  const serve = async (name: SubgraphName, built: BuiltSubgraph): Promise<void> => {
    parts.push(...built.parts);
    const server = await startSubgraph(built.definition, {
      host: config.subgraphHost,
      port: config.subgraphPorts[name],
      logger,
      // One process, one configuration: the subgraphs accept whatever the gateway's limits let through.
      trust,
      limits: gatewayConfig.queryLimits,
      requestTimeoutMs: resilienceConfig.subgraphRequestTimeoutMs,
      beforeAnswer: options.beforeAnswer,
      audit,
    });
    parts.push({ name: `${name} subgraph`, stop: () => server.stop() });
    urls[name] = server.url;
  };
  try {
    // Permit: the SOAP stand-in on the legacy thread; its ID-number lookup takes the account made per start there.
    const permit = buildPermitSubgraph({ ...permitConfig.service, ...legacy.addresses.permit }, context);
    await serve('permit', permit);

    // Inspection: the embedded exchange database (PGlite, on the legacy thread) unless a server is configured.
    const inspection = await buildInspectionSubgraph(
      inspectionConfig,
      context,
      legacy.inspection ? { kind: 'instance', pglite: legacy.inspection } : inspectionConfig.database,
    );
    await serve('inspection', inspection);

    // Credit: the drop directory the seed filled, ingested (into the store the legacy thread holds, unless a server is
    // configured) before serving, then polled.
    const credit = await buildCreditSubgraph(readCreditConfig(env, creditFolders(seeded)), context, legacy.credit);
    const creditStarted = performance.now();
    await credit.warmUp();
    logger.info({ ms: Math.round(performance.now() - creditStarted) }, 'credit drop files ingested');
    await serve('credit', credit);

    // Elevator: the platform's stand-in on the legacy thread, with this start's app secret. On-demand eligibility
    // needs the maintainers' credit classes and the elevators' inspections.
    const elevator = buildElevatorSubgraph(
      elevatorConfig,
      {
        platform: legacy.addresses.elevator,
        eligibility: eligibilityFromPorts(credit.adapter, inspection.adapter),
        keepIndex,
      },
      context,
    );
    await serve('elevator', elevator);

    // Supervision: no system of its own; it joins the four through the same adapters. Both indexes need every
    // elevator on the platform: one read of its pages serves both (3,047 calls at its paced rate at city scale).
    const supervision = buildSupervisionSubgraph(
      supervisionConfig,
      { elevator: elevator.adapter, permit: permit.adapter, credit: credit.adapter, inspection: inspection.adapter },
      context,
      { platformElevators: elevator.index.platformElevators, keepIndex },
    );
    await serve('supervision', supervision);

    // The indexes are built (and the alarm feed read) once before the gateway opens, so no first request waits for
    // them.
    await Promise.all([elevator.warmUp(), supervision.warmUp()]);

    const timed = async <T>(build: () => Promise<T>, sizes: (built: T) => Record<string, number>) => {
      const started = performance.now();
      const built = await build();
      return { ms: Math.round(performance.now() - started), sizes: sizes(built) };
    };
    return {
      subgraphUrls: urls as Record<SubgraphName, string>,
      resilience,
      refreshIndex: (name) =>
        name === 'elevator'
          ? timed(
              () => elevator.index.refresh(),
              (s) => ({
                elevators: s.elevators.length,
                overdue: s.elevators.filter((e) => e.overdue).length,
                skipped: s.skippedRecords,
              }),
            )
          : timed(
              () => supervision.index.refresh(),
              (s) => s.sizes,
            ),
      stop: () => stopAll(parts, logger),
    };
  } catch (error) {
    await stopAll(parts, logger);
    throw error;
  }
}
