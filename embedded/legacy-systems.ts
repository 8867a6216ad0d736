/**
 * The legacy side of the embedded start, on a thread of its own (legacy-thread.ts): seeds the data
 * folder once, then starts the stand-ins of the permit SOAP service and the elevator platform on
 * loopback, and opens the embedded databases (PGlite): the inspection exchange database and the credit
 * store, each unless a PostgreSQL server is configured for it. Real systems run elsewhere; so do these,
 * off the subgraphs' event loop: a stand-in filtering a city's records, or PGlite running a statement
 * (synchronously, on the thread that holds it), never delays a subgraph (databases.ts).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../adapters/credit/index.ts';
import { type SqlStore, openPglite } from '../adapters/credit/store.ts';
import { CreditFeed, prepareCredit } from '../legacy/credit/feed.ts';
import { type FaultAdminAddress, startFaultAdmin } from '../legacy/fault-admin.ts';
import type { FaultControl, FaultSystem } from '../legacy/faults.ts';
import { prepareElevator, startElevatorStandIn } from '../legacy/elevator/index.ts';
import { prepareInspection, startInspectionStandIn } from '../legacy/inspection/index.ts';
import { preparePermit, startPermitStandIn } from '../legacy/permit/index.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { World } from '../legacy/seed/world.ts';
import { clockFromSetting } from '../runtime/clock.ts';
import type { Env } from '../runtime/env.ts';
import { type Stoppable, stopAll } from '../runtime/lifecycle.ts';
import type { Logger } from '../runtime/logger.ts';
import { readCreditConfig } from '../subgraphs/credit/config.ts';
import { readElevatorConfig } from '../subgraphs/elevator/config.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';
import { readEmbeddedConfig } from './config.ts';
import { type SeededFolder, ensureSeeded } from './seed-data.ts';

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

/** Where the subgraphs find the legacy systems (plain data: it crosses to the subgraph thread). */
export interface LegacyAddresses {
  readonly seeded: SeededFolder;
  /** The SOAP service, and the WS-Security account its ID-number lookup takes (made per start). */
  readonly permit: {
    readonly url: string;
    readonly credentials: { readonly username: string; readonly password: string };
  };
  /** A fresh app secret per start, shared by the platform's stand-in and its adapter only. */
  readonly elevator: { readonly url: string; readonly appKey: string; readonly appSecret: string };
  /** Which databases are the embedded ones, held by the legacy thread (the others are configured servers). */
  readonly embedded: { readonly inspection: boolean; readonly credit: boolean };
  /** The stand-ins' fault control (legacy/fault-admin.ts), unless LEGACY_FAULT_CONTROL=off. */
  readonly faultAdmin: FaultAdminAddress | undefined;
}

/** Where the credit subgraph finds its drop directory and, when embedded, its store: the seeded folder's. */
export const creditFolders = (seeded: SeededFolder) => ({
  dropDir: join(seeded.dir, 'credit'),
  storeDir: join(seeded.dir, 'credit-store'),
});

/** The embedded inspection database's statements, as the adapter sends them (adapters/inspection's PgliteLike). */
export interface InspectionDatabase {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface RunningLegacySystems {
  readonly addresses: LegacyAddresses;
  readonly inspection: InspectionDatabase | undefined;
  readonly credit: SqlStore | undefined;
  stop(): Promise<void>;
}

/**
 * Starts one stand-in and logs what it loaded and how long that took: at city scale loading the stand-ins
 * is most of a start's time, and this line says which one to look at.
 */
async function loaded<T>(logger: Logger, what: string, start: () => Promise<T>, rows?: (part: T) => number) {
  const started = performance.now();
  const part = await start();
  const ms = Math.round(performance.now() - started);
  logger.info({ standIn: what, rows: rows?.(part), ms }, `${what} loaded in ${ms} ms`);
  return part;
}

export async function startLegacySystems(env: Env, logger: Logger): Promise<RunningLegacySystems> {
  const config = readEmbeddedConfig(env);
  const permitConfig = readPermitConfig(env);
  const inspectionConfig = readInspectionConfig(env);
  const elevatorConfig = readElevatorConfig(env);
  const seeded = await ensureSeeded(config.dataDir, config, (spec) => generateWorld(spec), PREPARERS, logger);
  const creditConfig = readCreditConfig(env, creditFolders(seeded));
  const parts: Stoppable[] = [];
  try {
    const permitAccount = { username: 'equipment-graph', password: randomBytes(24).toString('base64url') };
    const permit = await loaded(
      logger,
      'permit stand-in',
      () =>
        startPermitStandIn({
          dir: join(seeded.dir, 'permit'),
          host: '127.0.0.1',
          port: permitConfig.standIn.port,
          path: permitConfig.standIn.path,
          accounts: [permitAccount],
        }),
      (p) => p.rows,
    );
    parts.push({ name: 'permit stand-in', stop: () => permit.stop() });
    const faultControls: Partial<Record<FaultSystem, FaultControl>> = { permit: permit.faultControl };

    const app = { appKey: elevatorConfig.platform.appKey, appSecret: randomBytes(24).toString('base64url') };
    const elevator = await loaded(
      logger,
      'elevator stand-in',
      () =>
        startElevatorStandIn({
          dir: join(seeded.dir, 'elevator'),
          host: '127.0.0.1',
          port: elevatorConfig.standIn.port,
          apps: [app],
          rateLimit: { perSecond: elevatorConfig.standIn.ratePerSecond, burst: elevatorConfig.standIn.rateBurst },
        }),
      (e) => e.records,
    );
    parts.push({ name: 'elevator stand-in', stop: () => elevator.stop() });
    faultControls.elevator = elevator.faultControl;
    // The credit system's side of the drop folder: its faults hold back or spoil files it drops from now on.
    faultControls.credit = new CreditFeed(creditFolders(seeded).dropDir).faultControl;

    let inspection: InspectionDatabase | undefined;
    if (inspectionConfig.database.kind !== 'postgres') {
      const standIn = await loaded(logger, 'inspection database', () =>
        startInspectionStandIn({ dataDir: join(seeded.dir, 'inspection') }),
      );
      parts.push({ name: 'inspection database', stop: () => standIn.stop() });
      inspection = standIn.connection;
      faultControls.inspection = standIn.faultControl;
    }
    let credit: SqlStore | undefined;
    const creditStore = creditConfig.store;
    if (creditStore.kind === 'embedded') {
      const store = await loaded(logger, 'credit store', () => openPglite(creditStore.storeDir, DEFAULT_SCHEMA));
      parts.push({ name: 'credit store', stop: () => store.close() });
      credit = store;
    }
    let faultAdmin: FaultAdminAddress | undefined;
    if (config.faultControl) {
      // Alarms raised here are stamped with the stack's clock, so they fall in the figures' last 24 hours.
      const clock = clockFromSetting(config.clock, config.asOf);
      const admin = await startFaultAdmin({
        controls: faultControls,
        dataDir: seeded.dir,
        alarms: (action) => elevator.applyAlarmAction(action, clock.now().getTime()),
      });
      parts.push({ name: 'fault control', stop: () => admin.stop() });
      faultAdmin = { url: admin.url, token: admin.token };
    }
    return {
      addresses: {
        seeded,
        permit: { url: permit.url, credentials: permitAccount },
        elevator: { url: elevator.url, ...app },
        embedded: { inspection: inspection !== undefined, credit: credit !== undefined },
        faultAdmin,
      },
      inspection,
      credit,
      stop: () => stopAll(parts, logger),
    };
  } catch (error) {
    await stopAll(parts, logger);
    throw error;
  }
}
