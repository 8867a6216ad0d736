/**
 * What a caller may see, as one string: two callers with the same key get the same answer to the same
 * operation from every subgraph (district scoping, scopes, @pii masking and refusals depend on nothing
 * else). Shared subgraph fetches (fetcher/in-flight.ts) and cached answers (cache/) are keyed by it, so
 * neither ever serves one caller's rights to another. A caller who may read personal data is keyed by
 * subject too: each of their reads is audited under their name.
 */
import { type Caller, mayReadPersonalData } from '../graph/caller.ts';

export function callerRightsKey(caller: Caller): string {
  const scopes = [...caller.scopes].sort().join(',');
  const districts = caller.districts ? [...caller.districts].sort().join(',') : '*';
  const who = mayReadPersonalData(caller) ? caller.subject : '';
  return JSON.stringify([scopes, districts, caller.client ?? '', who]);
}
