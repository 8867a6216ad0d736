/**
 * npm run clients -- add --name <client> [--scopes a,b|all] [--districts 310104,…] [--safelist Op,…|<sha256>,…] [--rate 10/20]
 * npm run clients -- list
 * npm run clients -- revoke --name <client>
 *
 * Partner bureaus' API keys, in the store the gateway reads (CLIENTS_FILE, by default DATA_DIR/clients.json;
 * PostgreSQL with CLIENTS_DATABASE_URL). `add` prints the key once: only its SHA-256 is kept. `--safelist`
 * names operations of docs/operations (or gives their hashes): the client may run those only. `--rate`
 * is requests per second / burst. A running gateway sees a change within GATEWAY_CLIENTS_REFRESH_MS.
 */
import { parseArgs } from 'node:util';
import { type ClientRecord, hashApiKey, newApiKey, recordProblems } from '../gateway/callers/clients.ts';
import { openClientStore } from '../gateway/callers/client-registry.ts';
import { CALLERS_DEFAULTS, readClientStoreConfig } from '../gateway/callers/config.ts';
import { readManifest } from '../gateway/callers/persisted-queries.ts';
import { parseDistricts, parseScopes } from '../gateway/callers/scope-arguments.ts';
import { readString } from '../runtime/env.ts';
import { exitOnStartupError } from '../runtime/lifecycle.ts';

const USAGE =
  'usage: npm run clients -- add --name <client> [--scopes a,b|all] [--districts …] [--safelist …] [--rate 10/20] | list | revoke --name <client>';

function parseSafelist(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const path = readString(process.env, 'GATEWAY_PERSISTED_QUERIES', CALLERS_DEFAULTS.persistedQueriesPath);
  const byName = new Map(readManifest(path).operations.map((o) => [o.name, o.id]));
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const id = /^[0-9a-f]{64}$/.test(entry) ? entry : byName.get(entry);
      if (!id) throw new Error(`--safelist: no operation named ${entry} in ${path}`);
      return id;
    });
}

function parseRate(text: string | undefined): ClientRecord['rate'] {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`--rate takes <per second>/<burst>, e.g. 10/20, got '${text}'`);
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      districts: { type: 'string' },
      safelist: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const command = positionals[0];
  const store = await openClientStore(readClientStoreConfig(process.env));
  try {
    if (command === 'add') {
      if (!values.name) throw new Error(USAGE);
      const key = newApiKey();
      const record: ClientRecord = {
        name: values.name,
        keyHash: hashApiKey(key),
        scopes: parseScopes(values.scopes),
        districts: parseDistricts(values.districts),
        safelist: parseSafelist(values.safelist),
        rate: parseRate(values.rate),
        createdAt: new Date().toISOString(),
        revokedAt: undefined,
      };
      const problems = recordProblems(record);
      if (problems.length > 0) throw new Error(problems.join('; '));
      await store.add(record);
      process.stdout.write(
        `Client ${record.name}: scopes ${record.scopes.join(' ')}; districts ${record.districts?.join(' ') ?? 'all'}` +
          `${record.safelist ? `; ${record.safelist.length} registered operations only` : ''}.\n` +
          `Its API key, shown this once (send it as the x-api-key header):\n${key}\n`,
      );
    } else if (command === 'list') {
      for (const c of await store.list())
        process.stdout.write(
          `${c.name}\t${c.revokedAt ? `revoked ${c.revokedAt}` : 'active'}\tscopes ${c.scopes.join(' ')}\t` +
            `districts ${c.districts?.join(' ') ?? 'all'}\tsafelist ${c.safelist ? c.safelist.length : 'none'}\t` +
            `rate ${c.rate ? `${c.rate.perSecond}/${c.rate.burst}` : 'default'}\tcreated ${c.createdAt}\n`,
        );
    } else if (command === 'revoke') {
      if (!values.name) throw new Error(USAGE);
      if (!(await store.revoke(values.name, new Date().toISOString())))
        throw new Error(`no active client named ${values.name}`);
      process.stdout.write(`Revoked the key of ${values.name}.\n`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await store.close();
  }
} catch (error) {
  exitOnStartupError(error);
}
