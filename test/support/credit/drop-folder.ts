/**
 * Test helpers for the credit adapter: a prepared drop directory from the credit stand-in, a quiet
 * logger, and the store's whole state read back through the port (so two runs can be compared
 * without reaching into the store).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CreditFeed, prepareCredit } from '../../../legacy/credit/index.ts';
import { creditTestWorld } from './hand-world.ts';
import type { World } from '../../../legacy/seed/world.ts';
import { createLogger } from '../../../runtime/logger.ts';
import type { CreditPort } from '../../../adapters/credit/port.ts';
import type { CreditFreshness, CreditProfile, Enterprise } from '../../../adapters/credit/types.ts';

export const quietLogger = () => createLogger({ level: 'silent', name: 'credit-test' });

export interface TempDrop {
  readonly root: string;
  readonly dropDir: string;
  readonly feed: CreditFeed;
  cleanup(): Promise<void>;
}

export async function tempDrop(
  world: World = creditTestWorld(),
  options: { plantBadRows?: boolean } = {},
): Promise<TempDrop> {
  const root = await mkdtemp(join(tmpdir(), 'eg-credit-'));
  const dropDir = join(root, 'drop');
  const feed = await prepareCredit(world, dropDir, options);
  return { root, dropDir, feed, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface PortState {
  readonly enterprises: readonly Enterprise[];
  readonly profiles: readonly (CreditProfile | Error)[];
  readonly freshness: CreditFreshness;
}

/** Every enterprise (paged through search), the credit profiles of `usccs`, and the freshness. */
export async function portState(port: CreditPort, usccs: readonly string[]): Promise<PortState> {
  const enterprises: Enterprise[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await port.searchEnterprises({}, { offset, limit: 100 });
    enterprises.push(...page.items);
    if (enterprises.length >= page.total || page.items.length === 0) break;
  }
  return { enterprises, profiles: await port.creditProfiles(usccs), freshness: await port.freshness() };
}
