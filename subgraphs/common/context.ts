import type { Logger } from '../../runtime/logger.ts';
import type { Caller } from '../../graph/caller.ts';

/** What every resolver receives. `loaders` is per request: DataLoaders must never outlive one. */
export interface SubgraphContext<L> {
  readonly requestId: string;
  readonly caller: Caller;
  /** Epoch milliseconds the gateway gave the request; undefined for requests not signed by it. */
  readonly deadline?: number;
  readonly logger: Logger;
  readonly loaders: L;
}
