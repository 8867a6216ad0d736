/**
 * The SQL adapter on embedded PGlite, seeded by the exchange-database stand-in: the shared contract
 * (batching, mapping, statistics, search, hostile strings, bad rows), plus option checks and the
 * failure of an unreachable server.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '../core/index.ts';
import { LegacyError } from '../../graph/errors.ts';
import { inspectionPrepared } from '../../legacy/inspection/prepare.ts';
import { inspectionTestWorld } from '../../test/support/inspection/hand-world.ts';
import { type Backend, adapterContract } from '../../test/support/inspection/contract.ts';
import { createInspectionAdapter } from './index.ts';
import type { InspectionPort } from './port.ts';
import { TEST_SCHEMA, pgliteBackend, quietLogger } from '../../test/support/inspection/databases.ts';

const world = inspectionTestWorld();

describe('inspection adapter on PGlite', () => {
  let db: PGlite;
  let backend: Backend;
  let adapter: InspectionPort;
  beforeAll(async () => {
    ({ db, adapter, backend } = await pgliteBackend(world));
  });
  afterAll(async () => {
    await adapter?.close();
    await db?.close();
  });

  adapterContract(world, () => backend);

  it('lets the orchestrator see whether a target was seeded, without touching the session', async () => {
    expect(await inspectionPrepared({ pglite: db, schema: TEST_SCHEMA })).toBe(true);
    expect(await inspectionPrepared({ pglite: db, schema: 'jy_never_seeded' })).toBe(false);
    expect(await adapter.equipmentByCode([world.equipment[0]!.registrationCode])).toEqual([
      expect.objectContaining({ code: world.equipment[0]!.registrationCode }),
    ]);
  });
});

describe('inspection adapter options and outages', () => {
  it('needs exactly one source and a safe schema name', async () => {
    await expect(createInspectionAdapter({ timeoutMs: 1000, logger: quietLogger() })).rejects.toThrow(
      'exactly one of databaseUrl, dataDir or pglite',
    );
    await expect(
      createInspectionAdapter({
        databaseUrl: 'postgres://x@127.0.0.1/x',
        dataDir: '/tmp/x',
        timeoutMs: 1000,
        logger: quietLogger(),
      }),
    ).rejects.toThrow('exactly one');
    await expect(
      createInspectionAdapter({
        databaseUrl: 'postgres://x@127.0.0.1/x',
        schema: 'x; DROP',
        timeoutMs: 1000,
        logger: quietLogger(),
      }),
    ).rejects.toThrow('schema must match');
  });

  it('reports a server that does not answer as LEGACY_UNAVAILABLE, counted', async () => {
    const recorder = new CallRecorder();
    const adapter = await createInspectionAdapter({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/test',
      timeoutMs: 3000,
      observers: [recorder.observer],
      logger: quietLogger(),
    });
    const failure = await adapter.equipmentByCode(['31103100001998010001']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LegacyError);
    expect((failure as LegacyError).extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'inspection' });
    // A read is retried within the budget (two retries by default): each attempt is a call, counted.
    expect(recorder.calls).toMatchObject([
      { operation: 'equipmentByCode', outcome: 'LEGACY_UNAVAILABLE' },
      { operation: 'equipmentByCode', outcome: 'LEGACY_UNAVAILABLE' },
      { operation: 'equipmentByCode', outcome: 'LEGACY_UNAVAILABLE' },
    ]);
    await adapter.close();
  });
});
