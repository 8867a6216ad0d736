import type { Logger } from '../../runtime/logger.ts';
import type { Caller } from '../../graph/caller.ts';

/** What every resolver receives. `loaders` is per request: DataLoaders must never outlive one. */
export interface SubgraphContext<L> {
  readonly requestId: string;
  readonly caller: Caller;
  readonly logger: Logger;
  readonly loaders: L;
}
