/**
 * The same contract on a real PostgreSQL server, in a schema of its own per run (dropped after).
 * Skipped, with the reason in its title, when no server answers at the test URL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { CallRecorder } from '../core/index.ts';
import { prepareInspection } from '../../legacy/inspection/prepare.ts';
import { inspectionTestWorld } from '../../test/support/inspection/hand-world.ts';
import { type Backend, adapterContract } from '../../test/support/inspection/contract.ts';
import { createInspectionAdapter } from './index.ts';
import type { InspectionPort } from './port.ts';
import {
  dropSchema,
  postgresReachable,
  postgresTestUrl,
  quietLogger,
  shownUrl,
  uniqueSchema,
} from '../../test/support/inspection/databases.ts';

const available = await postgresReachable();
const world = inspectionTestWorld();
const title = available
  ? `inspection adapter on PostgreSQL (${shownUrl})`
  : `inspection adapter on PostgreSQL (skipped: no server answers at ${shownUrl})`;

describe.skipIf(!available)(title, () => {
  const schema = uniqueSchema('adapter');
  let raw: pg.Client;
  let adapter: InspectionPort;
  let backend: Backend;
  beforeAll(async () => {
    await prepareInspection(world, { databaseUrl: postgresTestUrl, schema });
    const recorder = new CallRecorder();
    adapter = await createInspectionAdapter({
      databaseUrl: postgresTestUrl,
      schema,
      timeoutMs: 10_000,
      observers: [recorder.observer],
      logger: quietLogger(),
    });
    raw = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path=${schema}` });
    await raw.connect();
    backend = { adapter, recorder, raw: async (sql, params = []) => (await raw.query(sql, params)).rows };
  });
  afterAll(async () => {
    await adapter?.close();
    await raw?.end();
    await dropSchema(schema);
  });

  adapterContract(world, () => backend);
});
