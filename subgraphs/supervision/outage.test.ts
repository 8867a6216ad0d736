/**
 * A system the index cannot read: licenceCompliance comes back null with the legacy error naming that
 * system (the rest of a federated answer stays served), and the next request tries the build again.
 */
import { afterAll, expect, it } from 'vitest';
import { LegacyError } from '../../graph/errors.ts';
import { InMemoryElevatorPort } from '../../adapters/elevator/memory.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import { fixedClock } from '../../runtime/clock.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createContext, createSubgraphServer } from '../common/server.ts';
import { createSupervisionSubgraph } from './index.ts';
import type { SupervisionPorts } from './sources.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
let platformDown = true;
const working = new InMemoryElevatorPort({ elevators: [], maintenance: [], alarms: [] });
const elevator: ElevatorPort = new Proxy(working, {
  get: (target, name) =>
    platformDown
      ? async () => {
          throw new LegacyError('LEGACY_UNAVAILABLE', 'elevator', 'elevator platform is unavailable');
        }
      : (target as any)[name].bind(target),
});
// Only what a build over an empty platform asks of the other systems.
const permit = { searchLicences: async () => ({ items: [], total: 0 }), certificatesByNumber: async () => [] };
const credit = { enterprisesByUscc: async () => [], creditProfiles: async () => [] };
const ports = { elevator, permit, credit, inspection: {} } as unknown as SupervisionPorts;
const definition = createSupervisionSubgraph({ ports, clock: fixedClock('2026-11-01T12:00:00+08:00'), logger });
const server = createSubgraphServer(definition, logger);
afterAll(() => server.stop());

async function run(query: string) {
  const response = await server.executeOperation(
    { query },
    { contextValue: createContext(definition, logger, 'test') },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: any[] };
}

it('the field is null with LEGACY_UNAVAILABLE naming the elevator system, and a later request builds the index', async () => {
  const query =
    '{ _entities(representations: [{ __typename: "Enterprise", uscc: "91310000132260250X" }]) { ... on Enterprise { uscc licenceCompliance { compliant } } } }';
  const down = await run(query);
  expect(down.data?._entities).toEqual([{ uscc: '91310000132260250X', licenceCompliance: null }]);
  expect(down.errors?.map((e) => [e.extensions.code, e.extensions.system])).toEqual([
    ['LEGACY_UNAVAILABLE', 'elevator'],
  ]);
  platformDown = false;
  const up = await run(query);
  expect(up.errors).toBeUndefined();
  expect(up.data._entities[0].licenceCompliance).toEqual({ compliant: true });
});
