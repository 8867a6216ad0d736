/**
 * Registered operations: a persisted-query manifest (Apollo's format) made from docs/operations by
 * `npm run persisted-queries`, each operation's id the SHA-256 of its text. The gateway runs a manifest
 * operation by its hash alone (Apollo's persisted-query extension), and a safelisted client may run
 * nothing else: its operation's hash must be on its list, checked before anything is planned. Queries
 * outside the manifest are not registered by hash (no automatic persisted queries): a client sends
 * their text.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import { Kind, parse } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { notSafelisted } from './refusals.ts';

interface ManifestOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface PersistedQueryManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly ManifestOperation[];
}

export function operationHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The manifest of every `NAME.graphql` in `dir`, sorted by name: its text exactly as written. */
export function buildManifest(dir: string): PersistedQueryManifest {
  const operations = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file): ManifestOperation => {
      const body = readFileSync(join(dir, file), 'utf8');
      const definitions = parse(body).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const [operation] = definitions;
      if (definitions.length !== 1 || !operation?.name)
        throw new Error(`${file}: a registered operation file holds exactly one named operation`);
      return { id: operationHash(body), name: operation.name.value, type: operation.operation, body };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function readManifest(path: string): PersistedQueryManifest {
  let manifest: PersistedQueryManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as PersistedQueryManifest;
  } catch (error) {
    throw new Error(`Cannot read the persisted-query manifest at ${path} (GATEWAY_PERSISTED_QUERIES)`, {
      cause: error,
    });
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations))
    throw new Error(`${path} is not a persisted-query manifest (GATEWAY_PERSISTED_QUERIES)`);
  for (const operation of manifest.operations)
    if (operationHash(operation.body) !== operation.id)
      throw new Error(`${path}: operation ${operation.name} does not hash to its id; run npm run persisted-queries`);
  return manifest;
}

/**
 * Apollo Server's persisted-query cache, answering from the manifest and registering nothing. Apollo
 * asks for `apq:<sha256>` (it prefixes the keys of the cache it is given).
 */
export function manifestCache(manifest: PersistedQueryManifest): NonNullable<PersistedQueryOptions['cache']> {
  const bodies = new Map(manifest.operations.map((o) => [`apq:${o.id}`, o.body]));
  return {
    get: async (key) => bodies.get(key),
    set: async () => {},
    delete: async () => true,
  };
}

/** Refuses, before planning, an operation that is not on the caller's safelist (when it has one). */
export function safelistPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.safelist) return;
      const safelist = contextValue.safelist;
      return {
        async didResolveOperation({ queryHash }) {
          if (!safelist.has(queryHash)) throw notSafelisted(contextValue.client);
        },
      };
    },
  };
}
