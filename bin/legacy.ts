/**
 * npm run start:legacy -- <permit|inspection|elevator|credit>: one legacy stand-in on its own, over the
 * seeded data folder (seeded first when missing). The permit SOAP service and the elevator platform
 * listen on their ports; the inspection database is filled (a PostgreSQL server with
 * INSPECTION_DATABASE_URL, else the embedded folder); the credit system's drop directory is printed.
 */
import { join } from 'node:path';
import { SYSTEMS, type SystemName } from '../graph/names.ts';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { ensureSeeded } from '../embedded/seed-data.ts';
import { PREPARERS } from '../embedded/legacy-systems.ts';
import { startElevatorStandIn } from '../legacy/elevator/index.ts';
import { startFaultAdmin } from '../legacy/fault-admin.ts';
import type { FaultControl } from '../legacy/faults.ts';
import { inspectionPrepared, prepareInspection } from '../legacy/inspection/index.ts';
import { startPermitStandIn } from '../legacy/permit/index.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import { readBool } from '../runtime/env.ts';
import { type Stoppable, exitOnStartupError, stopOnSignal } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';
import { readElevatorConfig, requireAppSecret } from '../subgraphs/elevator/config.ts';
import { readInspectionConfig } from '../subgraphs/inspection/config.ts';
import { readPermitConfig } from '../subgraphs/permit/config.ts';

try {
  const name = process.argv[2] as SystemName;
  if (!SYSTEMS.includes(name))
    throw new Error(`usage: npm run start:legacy -- <${SYSTEMS.join('|')}>, got '${process.argv[2] ?? ''}'`);
  const logger = createLogger({ level: 'info', name: `legacy-${name}` });
  const config = readEmbeddedConfig(process.env);
  const seeded = await ensureSeeded(config.dataDir, config, (spec) => generateWorld(spec), PREPARERS, logger);
  const host = config.legacyHost;
  // The fault control (npm run faults) of a stand-in on its own is off unless asked for.
  const withFaultControl = async (control: FaultControl, standIn: Stoppable): Promise<Stoppable[]> => {
    if (!readBool(process.env, 'LEGACY_FAULT_CONTROL', false)) return [standIn];
    const admin = await startFaultAdmin({ controls: { [name]: control }, dataDir: seeded.dir });
    logger.info({ url: admin.url }, 'fault control listening on loopback');
    return [standIn, { name: 'fault control', stop: () => admin.stop() }];
  };
  if (name === 'permit') {
    const permit = readPermitConfig(process.env);
    const standIn = await startPermitStandIn({
      dir: join(seeded.dir, 'permit'),
      host,
      port: permit.standIn.port,
      path: permit.standIn.path,
      // Without PERMIT_PASSWORD no one may look people up by ID number.
      accounts: permit.service.credentials ? [permit.service.credentials] : [],
    });
    logger.info({ url: standIn.url, wsdl: standIn.wsdlUrl }, 'permit SOAP service listening');
    stopOnSignal(await withFaultControl(standIn.faultControl, { name: 'permit', stop: () => standIn.stop() }), logger);
  } else if (name === 'elevator') {
    const elevator = readElevatorConfig(process.env);
    const standIn = await startElevatorStandIn({
      dir: join(seeded.dir, 'elevator'),
      host,
      port: elevator.standIn.port,
      apps: [{ appKey: elevator.platform.appKey, appSecret: requireAppSecret(elevator) }],
      rateLimit: { perSecond: elevator.standIn.ratePerSecond, burst: elevator.standIn.rateBurst },
    });
    logger.info({ url: standIn.url }, 'elevator platform listening');
    stopOnSignal(
      await withFaultControl(standIn.faultControl, { name: 'elevator', stop: () => standIn.stop() }),
      logger,
    );
  } else if (name === 'inspection') {
    const inspection = readInspectionConfig(process.env);
    if (inspection.database.kind === 'postgres') {
      const target = { databaseUrl: inspection.database.databaseUrl, schema: inspection.schema };
      if (!(await inspectionPrepared(target))) await prepareInspection(generateWorld(config), target);
      logger.info({ schema: inspection.schema }, 'inspection exchange database ready on the PostgreSQL server');
    } else {
      logger.info(
        { dir: join(seeded.dir, 'inspection') },
        'inspection exchange database ready (embedded PGlite folder)',
      );
    }
  } else {
    logger.info({ dropDir: join(seeded.dir, 'credit') }, 'credit drop directory ready');
  }
} catch (error) {
  exitOnStartupError(error);
}
