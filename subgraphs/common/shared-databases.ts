/**
 * Two subgraphs read stores that other subgraphs own: the elevator subgraph (on-demand eligibility) and
 * the supervision subgraph read the credit store the credit subgraph ingests into and the inspection
 * exchange database. In one process they share the adapters; as processes of their own they can share
 * the stores only when both are servers, so start-up stops, naming the variable, when one is not.
 */
import { ConfigError, type Env, readOptional } from '../../runtime/env.ts';

export interface SharedDatabases {
  readonly creditDatabaseUrl: string;
  readonly inspectionDatabaseUrl: string;
}

export function requireSharedDatabases(env: Env, subgraph: string): SharedDatabases {
  const creditDatabaseUrl = readOptional(env, 'CREDIT_DATABASE_URL');
  if (creditDatabaseUrl === undefined) throw new ConfigError('CREDIT_DATABASE_URL', `must be set when the ${subgraph} subgraph runs on its own (it reads the credit store the credit subgraph ingests into)`);
  const inspectionDatabaseUrl = readOptional(env, 'INSPECTION_DATABASE_URL');
  if (inspectionDatabaseUrl === undefined) throw new ConfigError('INSPECTION_DATABASE_URL', `must be set when the ${subgraph} subgraph runs on its own (it reads the inspection exchange database)`);
  return { creditDatabaseUrl, inspectionDatabaseUrl };
}
