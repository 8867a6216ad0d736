/**
 * The embedded stack as a process of its own (`tsx bin/start.ts`, every port 0, on loopback), for
 * benchmarks whose load generator must not share the gateway's event loop; stopped with SIGTERM (SIGKILL
 * after 20 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { readEmbeddedConfig } from '../embedded/config.ts';
import { seedFolder } from '../embedded/seed-data.ts';
import { ZERO_PORTS } from '../test/support/stack.ts';

export async function startStack(
  scale: string,
  dataDir: string,
  env: Record<string, string> = {},
  /** Told the process as soon as it is spawned, before it is up (to watch its start). */
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ child: ChildProcess; url: string; healthUrl: string; folder: string }> {
  const child = spawn(join(import.meta.dirname, '../node_modules/.bin/tsx'), ['bin/start.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: {
      ...process.env,
      ...ZERO_PORTS,
      SEED_SCALE: scale,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onSpawn?.(child);
  const [url, healthUrl] = await waitUntilUp(child, 600_000, 'the stack');
  const config = readEmbeddedConfig({ ...process.env, SEED_SCALE: scale, DATA_DIR: dataDir });
  return { child, url, healthUrl, folder: seedFolder(config.dataDir, config) };
}

/**
 * The gateway's and the health listener's URLs from the lines `bin/start.ts` prints once the stack is up;
 * rejects when `child` exits first or after `timeoutMs`.
 */
export function waitUntilUp(child: ChildProcess, timeoutMs: number, what: string): Promise<[string, string]> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} is not up within ${timeoutMs / 60_000} minutes`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Explorer: (\S+)\nHealth: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve([match[1]!, match[2]!]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was up`));
    });
  });
}

export async function stopStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
