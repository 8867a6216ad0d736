/**
 * The deployment shape of docker-compose.yml on one machine: every part its own process, started with
 * the same commands and variables (hosts are loopback here, ports free ones), the inspection exchange
 * database and the credit store in a PostgreSQL database of the test's own. Proves the standalone
 * start-up paths (the elevator and supervision subgraphs reading the shared stores included) serve one
 * graph, and that every part stops cleanly on SIGTERM. Skipped, with the reason, without PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { TEST_SIGNING_SECRET } from './support/callers.ts';
import { postGraphql } from './support/graphql.ts';
import { loadOperation } from './support/operations.ts';
import { postgresReachable } from './support/postgres.ts';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await postgresReachable(SERVER);
const database = `eg_standalone_${process.pid}_${Date.now() % 100_000}`;
const ISSUER = 'https://id.example.gov.cn';
const JWT_SECRET = 'the-identity-providers-hs256-secret-for-tests';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Part {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output: string;
}

describe.skipIf(!reachable)('the parts as separate processes, as docker-compose.yml runs them', () => {
  const parts: Part[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'eg-standalone-'));
  let gatewayUrl = '';
  let subgraphMetricsUrl: (name: string) => string = () => '';

  /** Starts one part and waits for the log line that says it is up (or for a one-shot part to exit 0). */
  async function start(
    name: string,
    script: string,
    args: string[],
    env: Record<string, string>,
    ready: string | 'exit',
  ): Promise<Part> {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const part: Part = {
      name,
      child,
      output: '',
      exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    };
    child.stdout!.on('data', (chunk) => {
      part.output += String(chunk);
    });
    child.stderr!.on('data', (chunk) => {
      part.output += String(chunk);
    });
    if (ready === 'exit') {
      const code = await part.exited;
      if (code !== 0) throw new Error(`${name} exited ${code}: ${part.output.slice(-2000)}`);
      return part;
    }
    parts.push(part);
    const deadline = Date.now() + 150_000;
    while (!part.output.includes(ready)) {
      if (child.exitCode !== null)
        throw new Error(`${name} exited ${child.exitCode} before it was up: ${part.output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`${name} was not up in time: ${part.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return part;
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    const databaseUrl = SERVER.replace(/\/[^/]*$/, `/${database}`);
    const ports = {
      permitService: await freePort(),
      platform: await freePort(),
      gateway: await freePort(),
      permit: await freePort(),
      inspection: await freePort(),
      elevator: await freePort(),
      credit: await freePort(),
      supervision: await freePort(),
    };
    // The shared part of docker-compose.yml's environment, with loopback for the service names.
    const env = {
      SEED_SCALE: 'test',
      DATA_DIR: dataDir,
      CLOCK_NOW: 'seed',
      LOG_LEVEL: 'info',
      SUBGRAPH_HOST: '127.0.0.1',
      LEGACY_HOST: '127.0.0.1',
      PERMIT_STANDIN_PORT: String(ports.permitService),
      PERMIT_URL: `http://127.0.0.1:${ports.permitService}/permit/ws`,
      ELEVATOR_STANDIN_PORT: String(ports.platform),
      ELEVATOR_URL: `http://127.0.0.1:${ports.platform}`,
      ELEVATOR_APP_SECRET: 'standalone-test-secret',
      PERMIT_PASSWORD: 'standalone-permit-password',
      GATEWAY_SIGNING_SECRET: TEST_SIGNING_SECRET,
      INSPECTION_DATABASE_URL: databaseUrl,
      CREDIT_DATABASE_URL: databaseUrl,
      SUBGRAPH_PORT_PERMIT: String(ports.permit),
      SUBGRAPH_PORT_INSPECTION: String(ports.inspection),
      SUBGRAPH_PORT_ELEVATOR: String(ports.elevator),
      SUBGRAPH_PORT_CREDIT: String(ports.credit),
      SUBGRAPH_PORT_SUPERVISION: String(ports.supervision),
    };
    // Seeds the data folder and loads the exchange database, then exits (compose's one-shot service).
    await start('legacy-inspection', 'bin/legacy.ts', ['inspection'], env, 'exit');
    await Promise.all([
      start('legacy-permit', 'bin/legacy.ts', ['permit'], env, 'permit SOAP service listening'),
      start('legacy-elevator', 'bin/legacy.ts', ['elevator'], env, 'elevator platform listening'),
      start('subgraph-inspection', 'bin/subgraph.ts', ['inspection'], env, 'subgraph listening'),
      // The credit subgraph ingests the drop files into PostgreSQL before it listens.
      start('subgraph-credit', 'bin/subgraph.ts', ['credit'], env, 'subgraph listening'),
    ]);
    await Promise.all([
      start('subgraph-permit', 'bin/subgraph.ts', ['permit'], env, 'subgraph listening'),
      start('subgraph-elevator', 'bin/subgraph.ts', ['elevator'], env, 'subgraph listening'),
      start('subgraph-supervision', 'bin/subgraph.ts', ['supervision'], env, 'subgraph listening'),
    ]);
    const subgraphUrls = Object.fromEntries(
      (['permit', 'inspection', 'elevator', 'credit', 'supervision'] as const).map((name) => [
        `SUBGRAPH_URL_${name.toUpperCase()}`,
        `http://127.0.0.1:${ports[name]}/graphql`,
      ]),
    );
    await start(
      'gateway',
      'bin/gateway.ts',
      [],
      {
        ...env,
        ...subgraphUrls,
        GATEWAY_PORT: String(ports.gateway),
        GATEWAY_JWT_SECRET: JWT_SECRET,
        GATEWAY_JWT_ISSUER: ISSUER,
      },
      'gateway listening',
    );
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    subgraphMetricsUrl = (name) => `http://127.0.0.1:${ports[name as keyof typeof ports]}/metrics`;
  }, 300_000);

  afterAll(async () => {
    for (const part of parts) if (part.child.exitCode === null) part.child.kill('SIGKILL');
    await Promise.all(parts.map((p) => p.exited));
    await admin(`DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses anonymous callers, and subgraph requests that do not come from the gateway, with 401', async () => {
    expect(
      (
        await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        })
      ).status,
    ).toBe(401);
    const subgraph = subgraphMetricsUrl('permit').replace('/metrics', '/graphql');
    expect(
      (
        await fetch(subgraph, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        })
      ).status,
    ).toBe(401);
  });

  it('serves the city overview and the cross-system questions from every part', async () => {
    const bearer = {
      authorization: `Bearer ${await new SignJWT({
        scope: 'equipment:read credit:read enterprise:read supervision:read',
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('standalone-test')
        .setIssuer(ISSUER)
        .setAudience('equipment-graph')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(JWT_SECRET))}`,
    };
    const overview = await postGraphql(gatewayUrl, loadOperation('CityOverview').query, {}, bearer);
    expect(overview.errors).toBeUndefined();
    const total = (field: string, figure: string) =>
      overview.data.districts.reduce((sum: number, d: any) => sum + d[field][figure], 0);
    expect(total('equipmentStats', 'elevatorsInUse')).toBeGreaterThan(0);
    expect(total('elevatorStatistics', 'total')).toBe(total('equipmentStats', 'elevatorsInUse'));
    expect(total('elevatorStatistics', 'overdueMaintenance')).toBeGreaterThan(0);
    expect(
      overview.data.districts.some((d: any) => d.creditStatistics.enterprisesByRiskClass.some((c: any) => c.count > 0)),
    ).toBe(true);
    const lending = loadOperation('CertificateLending');
    const answer = await postGraphql(gatewayUrl, lending.query, lending.variables, bearer);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.certificateLending.totalCount).toBeGreaterThan(0);
    expect(answer.data.certificateLending.nodes[0].certificate.employer.uscc).toMatch(/^[0-9A-Z]{18}$/);
    // Each subgraph process counts its own legacy calls on its /metrics.
    const permitMetrics = await (await fetch(subgraphMetricsUrl('permit'))).text();
    expect(permitMetrics).toMatch(
      /^equipment_graph_legacy_calls_total\{system="permit",operation="\w+",outcome="ok"\} [1-9]\d*$/m,
    );
  });

  it('stops every part cleanly on SIGTERM', async () => {
    for (const part of parts) part.child.kill('SIGTERM');
    const codes = await Promise.all(parts.map(async (p) => [p.name, await p.exited] as const));
    expect(codes.filter(([, code]) => code !== 0)).toEqual([]);
  }, 60_000);
});
