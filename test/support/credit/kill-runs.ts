/**
 * Crash runs of credit ingestion: the ingesting process (ingest-process.ts) killed with SIGKILL at a
 * chosen point, then started again to finish the job and report the store's digest, to compare with a
 * clean run's. Used by adapters/credit/atomicity.test.ts (small, in npm test) and bench/credit-crash.ts
 * (the city).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IngestProcessArgs } from './ingest-process.ts';
import type { StoreDigest } from './state-digest.ts';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Where to kill: on the progress line that `at` accepts (after `delayMs`), or `afterMs` after `ready`. */
export type KillPoint =
  { readonly at: (line: string, index: number) => boolean; readonly delayMs: number } | { readonly afterMs: number };

export interface ChildRun {
  /** Progress lines, `ready` first. */
  readonly progress: readonly string[];
  /** Killed before it ended (false: it finished first). */
  readonly killed: boolean;
  /** From start to exit. */
  readonly ms: number;
  /** From `ready` to the kill, or to `done` (the pass over; the digest not included). */
  readonly loadMs: number;
  readonly digest?: StoreDigest;
}

export function runIngestProcess(args: IngestProcessArgs, kill?: KillPoint): Promise<ChildRun> {
  const started = performance.now();
  let ready = started;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/credit/ingest-process.ts', JSON.stringify(args)],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const progress: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let killedAt: number | undefined;
  let doneAt: number | undefined;
  const killNow = (delayMs: number) => {
    timer ??= setTimeout(() => {
      killedAt = performance.now();
      child.kill('SIGKILL');
    }, delayMs);
  };
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      progress.push(line);
      if (line.startsWith('done ')) doneAt = performance.now();
      if (line === 'ready') {
        ready = performance.now();
        if (kill && 'afterMs' in kill) killNow(kill.afterMs);
      }
      if (kill && 'at' in kill && kill.at(line, progress.length - 1)) killNow(kill.delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ended = performance.now();
      if (signal !== 'SIGKILL' && code !== 0) {
        reject(new Error(`ingesting process failed (exit ${code}) after: ${progress.at(-1)}`));
        return;
      }
      const digestLine = progress.find((l) => l.startsWith('digest '));
      resolve({
        progress,
        killed: signal === 'SIGKILL',
        ms: ended - started,
        loadMs: (killedAt ?? doneAt ?? ended) - ready,
        digest: digestLine ? (JSON.parse(digestLine.slice('digest '.length)) as StoreDigest) : undefined,
      });
    });
  });
}
