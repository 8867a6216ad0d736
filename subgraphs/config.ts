/**
 * Configuration of a subgraph running as a process of its own (npm run start:subgraph), read once:
 * its log level, its clock, and where it listens. What it wraps is configured by the subgraph's own
 * `config.ts`; the embedded start has its own process configuration (embedded/config.ts).
 */
import { type QueryLimits, readQueryLimits } from '../graph/limits/config.ts';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPHS, type SubgraphName } from '../graph/names.ts';
import { type Clock, clockFromSetting } from '../runtime/clock.ts';
import { type Env, type LogLevel, readClockSetting, readLogLevel, readPort, readString } from '../runtime/env.ts';

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
