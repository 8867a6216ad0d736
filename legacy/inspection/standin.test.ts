/**
 * The exchange-database stand-in: seeded once into a PGlite data directory with the legacy
 * conventions (codes, 'YYYYMMDD' dates, retired district codes, soft-deleted rows kept), reopened
 * from disk, and its fault control seen through the adapter as the taxonomy's errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegacyError } from '../../graph/errors.ts';
import { RESILIENCE_DEFAULTS, SystemGuard } from '../../adapters/core/guard.ts';
import { createInspectionAdapter } from '../../adapters/inspection/index.ts';
import { createLogger } from '../../runtime/logger.ts';
import { type InspectionStandIn, prepareInspection, startInspectionStandIn } from './index.ts';
import { inspectionTestWorld } from '../../test/support/inspection/hand-world.ts';

const world = inspectionTestWorld(120);
const logger = createLogger({ level: 'silent', name: 'inspection-standin-test' });
let root: string;
let standIn: InspectionStandIn;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'eg-inspection-'));
  const prepared = await prepareInspection(world, { dataDir: join(root, 'db') });
  expect(prepared.rowCounts).toMatchObject({
    T_SB_DJ: world.equipment.length,
    // Every tenth inspection has a retracted duplicate kept in the table.
    T_JY_JL: world.inspections.length + Math.ceil(world.inspections.length / 10),
    T_YH_XX: world.hazards.length,
    T_ZD_QHDM: 18,
  });
  standIn = await startInspectionStandIn({ dataDir: join(root, 'db'), random: () => 0.5 });
});
afterAll(async () => {
  await standIn?.stop();
  await rm(root, { recursive: true, force: true });
});

const sql = async <T>(text: string, params: unknown[] = []) => (await standIn.connection.query<T>(text, params)).rows;

describe('the exchange database as the legacy system keeps it', () => {
  it('holds legacy codes, compact dates, retired district codes and soft-deleted rows, reopened from disk', async () => {
    await standIn.connection.exec(`SET search_path TO ${standIn.schema}`);
    const retired = await sql<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM T_SB_DJ WHERE QHDM IN ('310108', '310230')`,
    );
    expect(retired[0]!.n).toBe(world.equipment.filter((e) => e.recordedDistrict !== e.district).length);
    const deleted = await sql<{ n: number }>(`SELECT COUNT(*)::int AS n FROM T_SB_DJ WHERE SCBZ = '1'`);
    expect(deleted[0]!.n).toBe(world.equipment.filter((e) => e.deleted).length);
    const [first] = await sql<{ djrq: string; syxz: string; zt: string }>(
      'SELECT DJRQ, SYXZ, ZT FROM T_SB_DJ WHERE ZCDM = $1',
      [world.equipment[0]!.registrationCode],
    );
    expect(first).toEqual({ djrq: world.equipment[0]!.registeredOn.replaceAll('-', ''), syxz: '01', zt: '1' });
    const labels = await sql<{ mc: string }>(
      `SELECT D.MC FROM T_SB_DJ E JOIN T_ZD_SYXZ D ON D.DM = E.SYXZ WHERE E.ZCDM = $1`,
      [world.equipment[0]!.registrationCode],
    );
    expect(labels).toEqual([{ mc: '住宅' }]);
  });
});

describe('fault control, seen through the adapter', () => {
  it('turns an outage into LEGACY_UNAVAILABLE and latency past the timeout into LEGACY_TIMEOUT', async () => {
    // A breaker that never opens here: this test sees each fault through the adapter in turn.
    const guard = new SystemGuard('inspection', {
      ...RESILIENCE_DEFAULTS,
      breaker: { ...RESILIENCE_DEFAULTS.breaker, consecutiveFailures: 1000 },
    });
    const adapter = await createInspectionAdapter({ pglite: standIn.connection, timeoutMs: 150, logger, guard });
    const code = world.equipment[0]!.registrationCode;
    expect(await adapter.equipmentByCode([code])).toEqual([expect.objectContaining({ code })]);

    standIn.setFaults({ outage: true });
    expect(((await adapter.equipmentByCode([code]).catch((e: unknown) => e)) as LegacyError).extensions).toMatchObject({
      code: 'LEGACY_UNAVAILABLE',
      system: 'inspection',
    });
    standIn.setFaults({ outage: false, latencyMs: 400 });
    expect(((await adapter.equipmentByCode([code]).catch((e: unknown) => e)) as LegacyError).extensions).toMatchObject({
      code: 'LEGACY_TIMEOUT',
      system: 'inspection',
    });
    standIn.setFaults({ latencyMs: 0, errorRate: 1 });
    expect(await adapter.equipmentByCode([code]).catch((e: unknown) => e)).toMatchObject({
      message: expect.stringContaining('inspection system failed on equipmentByCode'),
    });
    standIn.setFaults({ errorRate: 0 });
    expect(await adapter.equipmentByCode([code])).toEqual([expect.objectContaining({ code })]);
    expect(() => standIn.setFaults({ errorRate: 2 })).toThrow('errorRate 0-1');
  });
});
