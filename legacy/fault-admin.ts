/**
 * The fault control of running stand-ins, for `npm run faults`: one small HTTP listener on 127.0.0.1
 * only, `POST /faults/<system>` with `{ mode, ms?, rate? }` and `GET /faults`, each with a bearer token
 * made per start. Where to find it and the token are written to `<dataDir>/faults/<system>.json`
 * (mode 0600, removed on stop), so only someone who can read the data folder can switch a fault. It
 * runs only where stand-ins run: the embedded start turns it on unless LEGACY_FAULT_CONTROL=off; a
 * stand-in started on its own only with LEGACY_FAULT_CONTROL=on. Beside the faults, the same listener
 * raises alarms on the elevator platform's stand-in (`POST /alarms`, elevator/raise.ts) for demonstrations
 * and tests of the live view: the same loopback-only, token-guarded door.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { closeServer, readBody } from '../runtime/http-body.ts';
import { type AlarmAction, type RaisedAlarm, parseAlarmAction } from './elevator/raise.ts';
import { FAULT_MODES, type FaultControl, type FaultMode, type FaultRequest, type FaultSystem } from './faults.ts';

export interface FaultAdminAddress {
  readonly url: string;
  readonly token: string;
}

export interface RunningFaultAdmin extends FaultAdminAddress {
  stop(): Promise<void>;
}

/** Where the address of the control of `system` is written under a data folder. */
export function faultAdminFile(dataDir: string, system: FaultSystem): string {
  return join(dataDir, 'faults', `${system}.json`);
}

function parseRequest(body: string): FaultRequest {
  const raw = JSON.parse(body) as { mode?: unknown; ms?: unknown; rate?: unknown };
  if (!FAULT_MODES.includes(raw.mode as FaultMode))
    throw new RangeError(`mode must be one of ${FAULT_MODES.join(', ')}`);
  const number = (v: unknown, name: string) => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} must be a number`);
    return v;
  };
  return { mode: raw.mode as FaultMode, ms: number(raw.ms, 'ms'), rate: number(raw.rate, 'rate') };
}

export async function startFaultAdmin(options: {
  readonly controls: Partial<Record<FaultSystem, FaultControl>>;
  readonly dataDir: string;
  /** The elevator platform's alarm desk (`POST /alarms`, npm run alarm), where its stand-in runs here. */
  readonly alarms?: (action: AlarmAction) => RaisedAlarm;
  /** 0: any free port. */
  readonly port?: number;
}): Promise<RunningFaultAdmin> {
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const authorised = (req: http.IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const states = () =>
    Object.fromEntries(Object.entries(options.controls).map(([system, control]) => [system, control.state()]));
  const send = (res: http.ServerResponse, status: number, value: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!authorised(req)) return send(res, 401, { error: 'a bearer token from the data folder is required' });
      const url = new URL(req.url ?? '/', 'http://admin');
      if (req.method === 'GET' && url.pathname === '/faults') return send(res, 200, states());
      if (req.method === 'POST' && url.pathname === '/alarms' && options.alarms) {
        try {
          return send(res, 200, options.alarms(parseAlarmAction((await readBody(req, 4096)) ?? '')));
        } catch (error) {
          return send(res, 400, { error: (error as Error).message });
        }
      }
      const system = /^\/faults\/([a-z]+)$/.exec(url.pathname)?.[1] as FaultSystem | undefined;
      const control = system ? options.controls[system] : undefined;
      if (req.method !== 'POST' || !system || !control) return send(res, 404, { error: 'no such fault control' });
      try {
        control.apply(parseRequest((await readBody(req, 4096)) ?? ''));
      } catch (error) {
        return send(res, 400, { error: (error as Error).message });
      }
      send(res, 200, { [system]: control.state() });
    })().catch(() => send(res, 500, { error: 'fault control failed' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const systems = Object.keys(options.controls) as FaultSystem[];
  await mkdir(join(options.dataDir, 'faults'), { recursive: true });
  for (const system of systems)
    await writeFile(faultAdminFile(options.dataDir, system), JSON.stringify({ url, token }), { mode: 0o600 });
  return {
    url,
    token,
    async stop() {
      for (const system of systems) await rm(faultAdminFile(options.dataDir, system), { force: true });
      await closeServer(server);
    },
  };
}
