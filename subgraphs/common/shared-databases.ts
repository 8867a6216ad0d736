/**
 * Two subgraphs read stores that other subgraphs own: the elevator subgraph (on-demand eligibility) and
 * the supervision subgraph read the credit store the credit subgraph ingests into and the inspection
 * exchange database. In one process they share the adapters; as processes of their own they can share
 * the stores only when both are servers, so start-up stops, naming the variable, when one is not.
 */
import { type CreditAdapter, createCreditAdapter } from '../../adapters/credit/index.ts';
import { createInspectionAdapter, type InspectionPort } from '../../adapters/inspection/index.ts';
import { ConfigError } from '../../runtime/env.ts';
import type { Stoppable } from '../../runtime/lifecycle.ts';
import type { CreditConfig } from '../credit/config.ts';
import type { InspectionConfig } from '../inspection/config.ts';
import type { BuildContext } from './build.ts';

export interface SharedReaders {
  readonly credit: CreditAdapter;
  readonly inspection: InspectionPort;
  readonly parts: readonly Stoppable[];
}

export interface SharedDatabases {
  readonly creditDatabaseUrl: string;
  readonly creditSchema: string;
  readonly inspectionDatabaseUrl: string;
}

/** The two stores' server URLs, or a configuration error naming the variable that is missing. */
export function requireServerStores(
  credit: CreditConfig,
  inspection: InspectionConfig,
  subgraph: string,
): SharedDatabases {
  if (credit.store.kind !== 'postgres') {
    throw new ConfigError(
      'CREDIT_DATABASE_URL',
      `must be set when the ${subgraph} subgraph runs on its own (it reads the credit store the credit subgraph ingests into)`,
    );
  }
  if (inspection.database.kind !== 'postgres') {
    throw new ConfigError(
      'INSPECTION_DATABASE_URL',
      `must be set when the ${subgraph} subgraph runs on its own (it reads the inspection exchange database)`,
    );
  }
  return {
    creditDatabaseUrl: credit.store.databaseUrl,
    creditSchema: credit.store.schema,
    inspectionDatabaseUrl: inspection.database.databaseUrl,
  };
}

/** Read-only adapters over the credit store and the inspection database, both on servers. */
export async function openSharedReaders(
  credit: CreditConfig,
  inspection: InspectionConfig,
  subgraph: string,
  context: BuildContext,
): Promise<SharedReaders> {
  const urls = requireServerStores(credit, inspection, subgraph);
  const { logger, observers } = context;
  const guard = (system: 'credit' | 'inspection') => context.resilience?.forSystem(system);
  const inspectionReader = await createInspectionAdapter({
    databaseUrl: urls.inspectionDatabaseUrl,
    schema: inspection.schema,
    timeoutMs: inspection.timeoutMs,
    logger,
    observers,
    guard: guard('inspection'),
  });
  // Never started: the credit subgraph's process ingests the drop files; this one only reads.
  const creditReader = await createCreditAdapter({
    dropDir: credit.dropDir,
    databaseUrl: urls.creditDatabaseUrl,
    schema: urls.creditSchema,
    timeoutMs: credit.timeoutMs,
    logger,
    observers,
    guard: guard('credit'),
  });
  return {
    credit: creditReader,
    inspection: inspectionReader,
    parts: [
      { name: 'inspection reader', stop: () => inspectionReader.close() },
      { name: 'credit reader', stop: () => creditReader.close() },
    ],
  };
}
