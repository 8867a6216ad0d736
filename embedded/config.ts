/**
 * Configuration of the all-in-one process (npm start): which seeded city, where its data lives,
 * where each part listens, and the clock. Per-system settings are read by each subgraph's own
 * config reader from the same environment.
 */
import {
  type Env,
  type LogLevel,
  readBool,
  readClockSetting,
  readEnum,
  readInt,
  readLogLevel,
  readString,
} from '../runtime/env.ts';
import { DEFAULT_SEED } from '../legacy/seed/generate.ts';
import type { ScaleName } from '../legacy/seed/world.ts';
import type { SubgraphName } from '../graph/names.ts';
import { readSubgraphHost, readSubgraphPorts } from '../subgraphs/config.ts';

const SCALES: readonly ScaleName[] = ['test', 'demo', 'city'];

export interface EmbeddedConfig {
  readonly logLevel: LogLevel;
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
  /** LEGACY_FAULT_CONTROL: the stand-ins' fault control on 127.0.0.1 (legacy/fault-admin.ts), on unless turned off. */
  readonly faultControl: boolean;
  /** INDEX_SNAPSHOTS: the elevator and supervision indexes kept in the seeded folder for the next start; on unless turned off. */
  readonly indexSnapshots: boolean;
}

export function readEmbeddedConfig(env: Env): EmbeddedConfig {
  const clock = readClockSetting(env, 'seed');
  return {
    logLevel: readLogLevel(env),
    dataDir: readString(env, 'DATA_DIR', 'data'),
    scale: readEnum(env, 'SEED_SCALE', 'demo', SCALES),
    seed: readInt(env, 'SEED', DEFAULT_SEED, { min: 0, max: 2 ** 31 - 1 }),
    asOf: clock.asOf,
    clock: clock.setting,
    subgraphHost: readSubgraphHost(env),
    legacyHost: readString(env, 'LEGACY_HOST', '127.0.0.1'),
    subgraphPorts: readSubgraphPorts(env),
    faultControl: readBool(env, 'LEGACY_FAULT_CONTROL', true),
    indexSnapshots: readBool(env, 'INDEX_SNAPSHOTS', true),
  };
}
