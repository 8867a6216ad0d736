/**
 * Configuration of a subgraph running as a process of its own (npm run start:subgraph), read once:
 * its log level, its clock, and where it listens. What it wraps is configured by the subgraph's own
 * `config.ts`; the embedded start has its own process configuration (embedded/config.ts).
 */
import { type QueryLimits, readQueryLimits } from '../graph/limits/config.ts';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import { readSigningSecret } from '../graph/gateway-signature.ts';
import {
  ConfigError,
  type Env,
  type LogLevel,
  readBool,
  readClockSetting,
  readInt,
  readLogLevel,
  readPort,
  readString,
} from '../runtime/env.ts';
import type { GatewayTrust } from './common/gateway-trust.ts';

export interface SubgraphProcessConfig {
  readonly logLevel: LogLevel;
  /** Real time unless CLOCK_NOW says otherwise: a subgraph on its own serves real systems. */
  readonly clock: Clock;
  readonly host: string;
  readonly port: number;
  /** SUBGRAPH_MAX_*: the limits on an operation, as the gateway's (graph/limits/config.ts). */
  readonly queryLimits: QueryLimits;
}

export function readSubgraphProcessConfig(env: Env, name: SubgraphName): SubgraphProcessConfig {
  const clock = readClockSetting(env, 'system');
  return {
    logLevel: readLogLevel(env),
    clock: clockFromSetting(clock.setting, clock.asOf),
    host: readSubgraphHost(env),
    port: readSubgraphPorts(env)[name],
    queryLimits: readQueryLimits(env, 'SUBGRAPH'),
  };
}

/** SUBGRAPH_HOST: where subgraphs listen (0.0.0.0 in containers). */
export function readSubgraphHost(env: Env): string {
  return readString(env, 'SUBGRAPH_HOST', '127.0.0.1');
}

/** SUBGRAPH_PORT_<NAME> of every subgraph; the defaults are the URLs the supergraph names. */
export function readSubgraphPorts(env: Env): Readonly<Record<SubgraphName, number>> {
  return Object.fromEntries(
    SUBGRAPHS.map((name) => [name, readPort(env, `SUBGRAPH_PORT_${name.toUpperCase()}`, DEFAULT_SUBGRAPH_PORTS[name])]),
  ) as Record<SubgraphName, number>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** How long a gateway signature stays fresh: transit time plus clock skew between hosts. */
const SIGNATURE_MAX_AGE_MS_DEFAULT = 30_000;

/**
 * How a subgraph knows its requests come from the gateway: GATEWAY_SIGNING_SECRET (shared with the
 * gateway; no default outside the embedded start, which makes one per start) and
 * GATEWAY_SIGNATURE_MAX_AGE_MS; or, for benchmarks of other gateways only, SUBGRAPH_ACCEPT_UNSIGNED=true.
 */
export function readGatewayTrust(env: Env): GatewayTrust {
  if (readBool(env, 'SUBGRAPH_ACCEPT_UNSIGNED', false)) {
    // A benchmark's setting: a subgraph reachable from other hosts never drops the check.
    if (!LOOPBACK_HOSTS.has(readSubgraphHost(env)))
      throw new ConfigError(
        'SUBGRAPH_ACCEPT_UNSIGNED',
        `is for benchmarks on one machine only: refused while SUBGRAPH_HOST is ${readSubgraphHost(env)}, not loopback`,
      );
    return { kind: 'unchecked' };
  }
  const secret = readSigningSecret(env);
  if (secret === undefined)
    throw new ConfigError(
      'GATEWAY_SIGNING_SECRET',
      'is required: the secret the gateway signs its requests with (or SUBGRAPH_ACCEPT_UNSIGNED=true for a benchmark of another gateway)',
    );
  return {
    kind: 'signed',
    secret,
    maxAgeMs: readInt(env, 'GATEWAY_SIGNATURE_MAX_AGE_MS', SIGNATURE_MAX_AGE_MS_DEFAULT, { min: 1_000, max: 600_000 }),
  };
}
