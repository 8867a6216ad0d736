/**
 * Personal data through the gateway over the embedded stack: without personal-data:read no answer to
 * any example operation holds an ID number, phone number or private person's name as the seed made them
 * (every string scanned); with it they are served unmasked and each such answer has its audit record,
 * naming the caller, the operation and its hash and the entities revealed; the trail is read in the graph
 * with audit:read only, and exported by `npm run audit`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { READ_SCOPES, type Scope } from '../graph/caller.ts';
import { generateWorld } from '../legacy/seed/generate.ts';
import type { World } from '../legacy/seed/world.ts';
import { postGraphql } from './support/graphql.ts';
import { loadOperation, operationNames } from './support/operations.ts';
import { type TestStack, startTestStack } from './support/stack.ts';

const run = promisify(execFile);

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The seed's raw personal data: numbers found anywhere in a string, names as whole values. */
function personalData(world: World) {
  const numbers = new Set<string>();
  const names = new Set<string>();
  for (const c of world.certificates) {
    numbers.add(c.holderId).add(c.holderPhone);
    names.add(c.holderName);
  }
  for (const e of world.enterprises) {
    numbers.add(e.legalRepresentativeId).add(e.phone);
    names.add(e.legalRepresentative);
  }
  return {
    found(answer: unknown): string[] {
      return strings(answer).filter((s) => names.has(s) || [...numbers].some((n) => s.includes(n)));
    },
  };
}

describe('personal data through the gateway', () => {
  let stack: TestStack;
  let raw: ReturnType<typeof personalData>;

  const as = async (subject: string, scopes: Scope[]) => ({
    authorization: `Bearer ${await issueToken(
      { subject, scopes, districts: undefined, ttlSeconds: 600 },
      readJwtConfig({ DATA_DIR: stack.dataDir }, true)!,
    )}`,
  });
  const auditEvents = async (headers: Record<string, string>, filter: Record<string, string>) =>
    postGraphql(
      stack.gateway.url,
      `query Audit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) {
         totalCount nodes { at subject client requestId operationName operationHash subgraph revealed { type key fields } } } }`,
      { filter },
      headers,
    );

  beforeAll(async () => {
    stack = await startTestStack('test');
    raw = personalData(generateWorld({ scale: 'test' }));
  }, 300_000);
  afterAll(async () => stack?.close());

  it.each(operationNames())('%s holds no personal data for a caller without personal-data:read', async (name) => {
    const operation = loadOperation(name);
    for (const headers of [{}, await as('analyst', [...READ_SCOPES, 'audit:read'])]) {
      const body = await postGraphql(stack.gateway.url, operation.query, operation.variables, headers);
      expect(body.data).toBeTruthy();
      expect(raw.found(body)).toEqual([]);
    }
  });

  it('serves personal data unmasked to a caller with personal-data:read, and records each answer that held some', async () => {
    const reader = await as('inspector-wang', [...READ_SCOPES, 'personal-data:read']);
    const auditor = await as('auditor', ['audit:read']);
    const revealing: string[] = [];
    for (const name of operationNames()) {
      const operation = loadOperation(name);
      const body = await postGraphql(stack.gateway.url, operation.query, operation.variables, reader);
      if (raw.found(body).length === 0) continue;
      revealing.push(name);
      const trail = await auditEvents(auditor, { subject: 'inspector-wang', operationName: name });
      expect(trail.errors).toBeUndefined();
      const events = trail.data.auditEvents.nodes;
      expect(events.length, name).toBeGreaterThan(0);
      for (const event of events) {
        expect(event).toMatchObject({
          subject: 'inspector-wang',
          client: null,
          operationName: name,
          operationHash: createHash('sha256').update(operation.query).digest('hex'),
        });
        expect(event.revealed.length).toBeGreaterThan(0);
      }
      // Every entity whose personal data the answer held is named in the trail by its key.
      const keys = new Set(events.flatMap((e: any) => e.revealed.map((r: any) => r.key.split('=')[1])));
      const entities = strings(body).filter((s) => keys.has(s));
      expect(entities.length, name).toBeGreaterThan(0);
    }
    expect(revealing).toEqual(expect.arrayContaining(['OperatorCertificate', 'Enterprise360']));
  });

  it('keeps the trail from callers without audit:read, and exports it with npm run audit', async () => {
    const refused = await auditEvents(await as('reader', [...READ_SCOPES, 'personal-data:read']), {});
    expect(refused.data.auditEvents).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'audit:read' });

    const readable = await auditEvents(await as('auditor', ['audit:read']), {});
    const total = readable.data.auditEvents.totalCount as number;
    expect(total).toBeGreaterThan(0);
    const { stdout } = await run('npx', ['tsx', 'bin/audit.ts', '--from', '2000-01-01'], {
      env: { ...process.env, DATA_DIR: stack.dataDir },
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(total);
    expect(lines.every((l) => l.revealed.length > 0 && typeof l.operationHash === 'string')).toBe(true);
    const { stdout: none } = await run('npx', ['tsx', 'bin/audit.ts', '--to', '2000-01-01'], {
      env: { ...process.env, DATA_DIR: stack.dataDir },
    });
    expect(none).toBe('');
  });
});
