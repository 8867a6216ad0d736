/** Test-only: runs operations against the inspection subgraph in process, through Apollo's whole request pipeline. */
import type { InspectionPort } from '../../../adapters/inspection/port.ts';
import type { Clock } from '../../../runtime/clock.ts';
import { createLogger } from '../../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../../../subgraphs/common/server.ts';
import { createInspectionSubgraph } from '../../../subgraphs/inspection/index.ts';

interface GraphqlResult {
  /** Shaped by the query; tests read it loosely. */
  readonly data?: any;
  readonly errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export type Run = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResult>;

export async function inspectionRunner(
  adapter: InspectionPort,
  clock: Clock,
  statisticsMaxAgeMs?: number,
): Promise<{ run: Run; stop: () => Promise<void> }> {
  const logger = createLogger({ level: 'silent', name: 'inspection-subgraph-test' });
  const definition = createInspectionSubgraph({ adapter, clock, statisticsMaxAgeMs });
  const server = createSubgraphServer(definition, logger);
  await server.start();
  let requests = 0;
  const run: Run = async (query, variables) => {
    const response = await server.executeOperation(
      { query, variables },
      { contextValue: createContext(definition, logger, `test-${++requests}`) },
    );
    if (response.body.kind !== 'single') throw new Error('inspection subgraph test: expected a single result');
    return response.body.singleResult as GraphqlResult;
  };
  return { run, stop: () => server.stop() };
}
