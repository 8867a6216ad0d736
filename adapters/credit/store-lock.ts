/**
 * One process at a time on an embedded store: PGlite keeps no lock of its own, and two processes
 * writing one data directory corrupt it. A lock file beside the directory names the holding process;
 * a lock left by a process that is gone (killed) is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export class StoreInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `the credit store ${dir} is in use by process ${pid} (a running credit subgraph or npm start): ` +
        'an embedded (PGlite) store serves one process at a time',
    );
    this.name = 'StoreInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dir` for this process; the returned function gives it back. */
export async function lockStoreDir(dir: string): Promise<() => Promise<void>> {
  const file = `${resolve(dir)}.lock`;
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new StoreInUseError(dir, holder);
    await rm(file, { force: true });
  }
  throw new Error(`credit store ${dir}: another process took its lock (${file}) at the same time`);
}
