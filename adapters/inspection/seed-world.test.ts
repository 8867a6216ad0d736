/**
 * The adapter contract once more on the shared seed's `test` world (the generator's own shapes:
 * real catalogue spread, planted hazards, retired codes), so the stand-in and the adapter agree on
 * data they were not written against.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { generateWorld } from '../../legacy/seed/generate.ts';
import { type Backend, adapterContract } from '../../test/support/inspection/contract.ts';
import type { InspectionPort } from './port.ts';
import { pgliteBackend } from '../../test/support/inspection/databases.ts';

const world = generateWorld({ scale: 'test' });

describe('inspection adapter on PGlite with the seed generator’s test world', () => {
  let db: PGlite;
  let adapter: InspectionPort;
  let backend: Backend;
  beforeAll(async () => {
    ({ db, adapter, backend } = await pgliteBackend(world));
  });
  afterAll(async () => {
    await adapter?.close();
    await db?.close();
  });

  adapterContract(world, () => backend);
});
