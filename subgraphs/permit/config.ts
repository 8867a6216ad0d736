/**
 * Configuration of the permit subgraph process and of the SOAP stand-in, read once from the
 * environment. Defaults are the embedded ones (stand-in on 4101 at /permit/ws); a deployment
 * against the real licensing system sets PERMIT_URL.
 */
import { ConfigError, type Env, readInt, readOptional, readPort, readString, readUrl } from '../../runtime/env.ts';

export interface PermitConfig {
  readonly service: {
    readonly url: string;
    readonly timeoutMs: number;
    readonly batchLimit: number;
    /**
     * The WS-Security account of the ID-number lookup (PERMIT_USERNAME, PERMIT_PASSWORD): the password has no
     * default; the embedded start makes one per start, shared by its stand-in and adapter only.
     */
    readonly credentials: { readonly username: string; readonly password: string } | undefined;
  };
  readonly standIn: { readonly port: number; readonly path: string };
}

const PERMIT_DEFAULTS = {
  url: 'http://127.0.0.1:4101/permit/ws',
  timeoutMs: 5000,
  /** The service's documented limit (legacy/permit README). */
  batchLimit: 50,
  standInPort: 4101,
  standInPath: '/permit/ws',
  username: 'equipment-graph',
} as const;

export function readPermitConfig(env: Env): PermitConfig {
  const path = readString(env, 'PERMIT_STANDIN_PATH', PERMIT_DEFAULTS.standInPath);
  const username = readString(env, 'PERMIT_USERNAME', PERMIT_DEFAULTS.username);
  const password = readOptional(env, 'PERMIT_PASSWORD');
  if (!/^\/[\w/.-]*$/.test(path))
    throw new ConfigError('PERMIT_STANDIN_PATH', `must be a URL path starting with '/', got '${path}'`);
  return {
    service: {
      url: readUrl(env, 'PERMIT_URL', PERMIT_DEFAULTS.url),
      timeoutMs: readInt(env, 'PERMIT_TIMEOUT_MS', PERMIT_DEFAULTS.timeoutMs, { min: 100, max: 120_000 }),
      batchLimit: readInt(env, 'PERMIT_BATCH_LIMIT', PERMIT_DEFAULTS.batchLimit, { min: 1, max: 50 }),
      credentials: password === undefined ? undefined : { username, password },
    },
    standIn: { port: readPort(env, 'PERMIT_STANDIN_PORT', PERMIT_DEFAULTS.standInPort), path },
  };
}
