import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '../../../test/support/postgres.ts';
import { readAuditConfig } from './config.ts';
import { fileAuditTrail } from './file-store.ts';
import { postgresAuditTrail } from './pg-store.ts';
import type { AuditRecord, AuditTrail } from './trail.ts';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await postgresReachable(SERVER);
const folder = mkdtempSync(join(tmpdir(), 'eg-audit-'));
const schema = `audit_test_${process.pid}`;
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  if (!reachable) return;
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

const record = (at: string, subject: string, operationName: string | null): AuditRecord => ({
  at,
  subject,
  client: subject.startsWith('client:') ? subject.slice(7) : null,
  requestId: `r-${at}`,
  operationName,
  operationHash: 'ab'.repeat(32),
  subgraph: 'permit',
  revealed: [{ type: 'OperatorCertificate', key: 'number=TS1', fields: ['holderName', 'holderIdNumber'] }],
});

const RECORDS = [
  record('2026-12-01T01:00:00.000Z', 'inspector-wang', 'ElevatorFile'),
  record('2026-12-01T02:00:00.000Z', 'client:xuhui-bureau', 'OperatorCertificate'),
  record('2026-12-02T01:00:00.000Z', 'inspector-wang', 'OperatorCertificate'),
];

async function contract(trail: AuditTrail) {
  for (const r of RECORDS) await trail.append(r);
  expect(await trail.read({}, { offset: 0, limit: 10 })).toEqual({ items: RECORDS, total: 3 });
  expect(await trail.read({}, { offset: 1, limit: 1 })).toEqual({ items: [RECORDS[1]], total: 3 });
  expect((await trail.read({ subject: 'inspector-wang' }, { offset: 0, limit: 10 })).total).toBe(2);
  expect((await trail.read({ client: 'xuhui-bureau' }, { offset: 0, limit: 10 })).items).toEqual([RECORDS[1]]);
  expect((await trail.read({ operationName: 'OperatorCertificate' }, { offset: 0, limit: 10 })).total).toBe(2);
  const day = { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T01:00:00.000Z' };
  expect((await trail.read(day, { offset: 0, limit: 10 })).items).toEqual(RECORDS.slice(0, 2));
}

describe('the audit trail', () => {
  it('appends JSON lines to a file of its own (0600) and reads them back filtered and paged', async () => {
    const path = join(folder, 'audit', 'reads.jsonl');
    const trail = await fileAuditTrail(path);
    await contract(trail);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps a line torn by a crash, starts the next record on a line of its own and reads past it', async () => {
    const path = join(folder, 'torn', 'reads.jsonl');
    const before = await fileAuditTrail(path);
    await before.append(RECORDS[0]!);
    appendFileSync(path, JSON.stringify(RECORDS[1]).slice(0, 40)); // killed mid-write
    const after = await fileAuditTrail(path);
    await after.append(RECORDS[2]!);
    expect(await after.read({}, { offset: 0, limit: 10 })).toEqual({ items: [RECORDS[0], RECORDS[2]], total: 2 });
    expect(readFileSync(path, 'utf8')).toContain(JSON.stringify(RECORDS[1]).slice(0, 40));
  });

  it.skipIf(!reachable)('keeps records in an append-only PostgreSQL table', async () => {
    const trail = await postgresAuditTrail(SERVER, schema);
    try {
      await contract(trail);
      const client = new pg.Client({ connectionString: SERVER });
      await client.connect();
      try {
        for (const statement of [
          `UPDATE "${schema}".personal_data_reads SET subject = 'someone-else'`,
          `DELETE FROM "${schema}".personal_data_reads`,
          `TRUNCATE "${schema}".personal_data_reads`,
        ])
          await expect(client.query(statement)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
      expect((await trail.read({}, { offset: 0, limit: 10 })).total).toBe(3);
    } finally {
      await trail.close();
    }
  });

  it('is kept in the data folder unless a database is named', () => {
    expect(readAuditConfig({ DATA_DIR: '/srv/eg' })).toEqual({
      kind: 'file',
      path: '/srv/eg/audit/personal-data-reads.jsonl',
    });
    expect(readAuditConfig({ AUDIT_DATABASE_URL: 'postgres://u@db/eg' })).toMatchObject({ kind: 'postgres' });
    expect(() => readAuditConfig({ AUDIT_DATABASE_URL: 'postgres://u@db/eg', AUDIT_DB_SCHEMA: 'Bad-Name' })).toThrow(
      /AUDIT_DB_SCHEMA/,
    );
  });
});
