import type { Logger } from '../../runtime/logger.ts';
import type { Caller } from '../../graph/caller.ts';
import type { OperationIdentity } from '../../graph/gateway-signature.ts';
import type { AuditTrail } from './audit/trail.ts';
import type { RevealLog } from './personal-data.ts';

/** What every resolver receives. `loaders` is per request: DataLoaders must never outlive one. */
export interface SubgraphContext<L> {
  readonly requestId: string;
  readonly caller: Caller;
  /** Epoch milliseconds the gateway gave the request; undefined for requests not signed by it. */
  readonly deadline?: number;
  readonly logger: Logger;
  readonly loaders: L;
  /** The caller's operation as the gateway received it (audit records name it). */
  readonly operation?: OperationIdentity;
  /**
   * Personal data this request revealed unmasked (personal-data.ts), written to the audit trail as its answer
   * leaves; absent where the subgraph has no audit trail, and then nothing is revealed.
   */
  readonly reveals?: RevealLog;
  /** The trail itself, for `auditEvents`. */
  readonly audit?: AuditTrail;
}
