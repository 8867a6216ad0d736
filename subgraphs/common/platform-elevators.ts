/**
 * Every elevator on the platform, read whole for the indexes (elevator and supervision): one shared read
 * (shared-read.ts), so indexes refreshing together read each of the platform's pages once between them.
 */
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { ElevatorProfile } from '../../adapters/elevator/types.ts';
import type { Logger } from '../../runtime/logger.ts';
import { readAll } from './read-all.ts';
import { SharedRead } from './shared-read.ts';

/**
 * How long after a read ended another index may still take it: longer than one index's build after the read
 * (the other reads pages of its own meanwhile), far shorter than the indexes' maximum ages.
 */
const SHARE_MS = 60_000;

export type PlatformElevators = SharedRead<ElevatorProfile>;

export function platformElevators(port: Pick<ElevatorPort, 'searchElevators'>, logger: Logger): PlatformElevators {
  return new SharedRead({
    read: (skip) =>
      readAll((page) => port.searchElevators({}, page), skip, { what: 'indexes: platform elevators', logger }),
    shareMs: SHARE_MS,
  });
}
