/**
 * The adapter contract once more on the shared seed's `test` world (the generator's own shapes:
 * real catalogue spread, planted hazards, retired codes), so the stand-in and the adapter agree on
 * data they were not written against.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { CallRecorder } from '../core/index.ts';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { type Backend, adapterContract } from './contract.ts';
import { createInspectionAdapter } from './index.ts';
import type { InspectionPort } from './port.ts';
import { TEST_SCHEMA, preparedPglite, quietLogger } from './testing.ts';

const world = generateWorld({ scale: 'test' });

describe('inspection adapter on PGlite with the seed generator’s test world', () => {
  let db: PGlite;
  let adapter: InspectionPort;
  let backend: Backend;
  beforeAll(async () => {
    db = await preparedPglite(world);
    const recorder = new CallRecorder();
    adapter = await createInspectionAdapter({ pglite: db, schema: TEST_SCHEMA, timeoutMs: 10_000, observers: [recorder.observer], logger: quietLogger() });
    backend = { adapter, recorder, raw: async (sql, params = []) => (await db.query<Record<string, unknown>>(sql, params)).rows };
  });
  afterAll(async () => {
    await adapter?.close();
    await db?.close();
  });

  adapterContract(world, () => backend);
});
