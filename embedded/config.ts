/**
 * Configuration of the all-in-one process (npm start): which seeded city, where its data lives,
 * where each part listens, and the clock. Per-system settings are read by each subgraph's own
 * config reader from the same environment.
 */
import { ConfigError, type Env, readDate, readEnum, readInt, readPort, readString } from '../runtime/env.ts';
import type { ScaleName } from '../legacy/seed/world.ts';
import { DEFAULT_SUBGRAPH_PORTS, type SubgraphName } from '../graph/names.ts';

export const SCALES: readonly ScaleName[] = ['test', 'demo', 'city'];

export interface EmbeddedConfig {
  readonly dataDir: string;
  readonly scale: ScaleName;
  readonly seed: number;
  readonly asOf: string;
  /** 'seed' pins "now" to the end of the seed's as-of day; 'system' uses the real clock; or an ISO instant. */
  readonly clock: string;
  readonly subgraphHost: string;
  /** Where standalone stand-ins listen (npm run start:legacy); the embedded start keeps them on loopback. */
  readonly legacyHost: string;
  readonly subgraphPorts: Readonly<Record<SubgraphName, number>>;
}

export function readEmbeddedConfig(env: Env): EmbeddedConfig {
  const clock = readString(env, 'CLOCK_NOW', 'seed');
  if (clock !== 'seed' && clock !== 'system' && Number.isNaN(Date.parse(clock))) {
    throw new ConfigError('CLOCK_NOW', `must be seed, system or an ISO 8601 instant, got '${clock}'`);
  }
  return {
    dataDir: readString(env, 'DATA_DIR', 'data'),
    scale: readEnum(env, 'SEED_SCALE', 'demo', SCALES),
    seed: readInt(env, 'SEED', 20211, { min: 0, max: 2 ** 31 - 1 }),
    asOf: readDate(env, 'SEED_AS_OF', '2026-11-01'),
    clock,
    subgraphHost: readString(env, 'SUBGRAPH_HOST', '127.0.0.1'),
    legacyHost: readString(env, 'LEGACY_HOST', '127.0.0.1'),
    subgraphPorts: {
      permit: readPort(env, 'SUBGRAPH_PORT_PERMIT', DEFAULT_SUBGRAPH_PORTS.permit),
      inspection: readPort(env, 'SUBGRAPH_PORT_INSPECTION', DEFAULT_SUBGRAPH_PORTS.inspection),
      elevator: readPort(env, 'SUBGRAPH_PORT_ELEVATOR', DEFAULT_SUBGRAPH_PORTS.elevator),
      credit: readPort(env, 'SUBGRAPH_PORT_CREDIT', DEFAULT_SUBGRAPH_PORTS.credit),
      supervision: readPort(env, 'SUBGRAPH_PORT_SUPERVISION', DEFAULT_SUBGRAPH_PORTS.supervision),
    },
  };
}
