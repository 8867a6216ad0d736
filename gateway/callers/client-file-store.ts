/**
 * API client records in a JSON file (the default; DATA_DIR/clients.json): written whole to a temporary
 * file and renamed over the old one, readable by its owner only, so the gateway re-reading it never
 * sees half a file. Holds key hashes only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ClientRecord, ClientStore } from './clients.ts';

interface ClientFile {
  readonly format: 1;
  readonly clients: ClientRecord[];
}

export function fileClientStore(path: string): ClientStore {
  const read = (): ClientRecord[] => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const file = JSON.parse(text) as ClientFile;
    if (file.format !== 1 || !Array.isArray(file.clients)) throw new Error(`${path} is not a client file of format 1`);
    return file.clients;
  };
  const write = (clients: ClientRecord[]): void => {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ format: 1, clients } satisfies ClientFile, null, 1)}\n`, {
      mode: 0o600,
    });
    renameSync(temporary, path);
  };
  return {
    list: async () => read(),
    async add(record) {
      const clients = read();
      if (clients.some((c) => c.name === record.name && c.revokedAt === undefined))
        throw new Error(`client '${record.name}' already has an active key; revoke it first`);
      write([...clients, record]);
    },
    async revoke(name, at) {
      const clients = read();
      let found = false;
      const updated = clients.map((c) => {
        if (c.name !== name || c.revokedAt !== undefined) return c;
        found = true;
        return { ...c, revokedAt: at };
      });
      if (found) write(updated);
      return found;
    },
    close: async () => {},
  };
}
