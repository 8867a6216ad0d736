/**
 * The gateway's view of the API clients: the active records by key hash, read from the store at start
 * and re-read every `refreshMs` behind the requests (runtime/poller.ts), so a lookup never waits on a
 * file or a database, and a key added or revoked from the command line takes effect within that time.
 */
import type { Logger } from '../../runtime/logger.ts';
import { Poller } from '../../runtime/poller.ts';
import { type ClientRecord, type ClientStore, hashApiKey } from './clients.ts';
import { fileClientStore } from './client-file-store.ts';
import { postgresClientStore } from './client-pg-store.ts';
import type { ClientStoreConfig } from './config.ts';

export interface ClientRegistry {
  /** The active record the key belongs to; undefined for an unknown or revoked key. */
  lookup(key: string): ClientRecord | undefined;
  stop(): Promise<void>;
}

export async function openClientStore(config: ClientStoreConfig): Promise<ClientStore> {
  return config.kind === 'file' ? fileClientStore(config.path) : postgresClientStore(config.databaseUrl, config.schema);
}

export async function startClientRegistry(
  config: ClientStoreConfig,
  refreshMs: number,
  logger: Logger,
): Promise<ClientRegistry> {
  const store = await openClientStore(config);
  let active = new Map<string, ClientRecord>();
  const refresh = async () => {
    const records = await store.list();
    active = new Map(records.filter((r) => r.revokedAt === undefined).map((r) => [r.keyHash, r]));
  };
  try {
    await refresh();
  } catch (error) {
    await store.close();
    throw new Error(`Cannot read the API clients (${config.kind === 'file' ? config.path : 'CLIENTS_DATABASE_URL'})`, {
      cause: error,
    });
  }
  logger.info({ clients: active.size, store: config.kind }, 'API clients loaded');
  const poller = new Poller(refresh, refreshMs, logger, 'API client refresh');
  poller.start();
  return {
    lookup: (key) => active.get(hashApiKey(key)),
    async stop() {
      await poller.stop();
      await store.close();
    },
  };
}
