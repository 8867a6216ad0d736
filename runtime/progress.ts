/**
 * Progress of a long step (seeding, an index build reading every platform page): what, how far, at
 * what rate. On a terminal it is one line rewritten in place; anywhere else (a log file, a worker
 * thread, a container) it is a log line each tenth of the way or every few seconds, whichever comes
 * first, so a city start never sits silent for minutes.
 */
import type { Logger } from './logger.ts';

/** The terminal a progress line is rewritten on; absent or not a TTY means log lines. */
interface Terminal {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** What is being done, e.g. "elevator index: platform pages". */
  readonly what: string;
  /** How many units the whole step is. */
  readonly total: number;
  /** The unit counted, e.g. "records". */
  readonly unit: string;
  readonly logger: Logger;
  /** Defaults to process.stdout: a TTY there gets the updating line. */
  readonly terminal?: Terminal;
  readonly now?: () => number;
}

export interface Progress {
  /** Counts `n` more units done; `note` says which part is under way (a new one is shown at once). */
  advance(n: number, note?: string): void;
  /** The step is finished: the terminal line is closed and one log line sums it up. */
  done(): void;
  /** The step broke off (its error is reported by whoever catches it): how far it got is told once. */
  failed(): void;
}

/** A log line at least this often, and at each tenth of the total. */
const LOG_EVERY_MS = 5_000;
const LOG_EVERY_FRACTION = 0.1;
/** A terminal line is rewritten at most this often. */
const REDRAW_EVERY_MS = 200;

/** "elevator index: platform pages 1,200/304,634 records (0%), 950 records/s, 1 s — note". */
export function formatProgress(
  what: string,
  done: number,
  total: number,
  unit: string,
  elapsedMs: number,
  note?: string,
): string {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  const count = (n: number) => n.toLocaleString('en-US');
  const tail = note ? ` — ${note}` : '';
  return `${what} ${count(done)}/${count(total)} ${unit} (${percent}%), ${count(rate)} ${unit}/s, ${Math.round(seconds)} s${tail}`;
}

export function startProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const terminal = options.terminal ?? process.stdout;
  const onTerminal = terminal.isTTY === true;
  const started = now();
  let done = 0;
  let note: string | undefined;
  let lastShown = started;
  let nextFraction = LOG_EVERY_FRACTION;
  let finished = false;
  const line = () => formatProgress(options.what, done, options.total, options.unit, now() - started, note);
  const fields = () => ({ what: options.what, done, total: options.total, unit: options.unit });

  // A long part (writing a store, a slow system's pages) still tells it is alive every few seconds.
  const heartbeat = setInterval(() => {
    if (now() - lastShown < LOG_EVERY_MS) return;
    lastShown = now();
    if (onTerminal) terminal.write(`\r\x1b[K${line()}`);
    else options.logger.info(fields(), line());
  }, LOG_EVERY_MS);
  heartbeat.unref();

  const finish = (outcome: 'done' | 'failed') => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    if (outcome === 'done') note = undefined;
    const summary = `${line()}, ${outcome}`;
    if (onTerminal) terminal.write(`\r\x1b[K${summary}\n`);
    else
      options.logger[outcome === 'done' ? 'info' : 'warn']({ ...fields(), ms: Math.round(now() - started) }, summary);
  };

  return {
    advance(n, newNote) {
      if (finished) return;
      done += n;
      // A new part under way is told at once: a step of a few long parts would otherwise stay silent.
      const moved = newNote !== undefined && newNote !== note;
      if (newNote !== undefined) note = newNote;
      const at = now();
      if (onTerminal) {
        if (!moved && at - lastShown < REDRAW_EVERY_MS) return;
        lastShown = at;
        terminal.write(`\r\x1b[K${line()}`);
        return;
      }
      const fraction = options.total > 0 ? done / options.total : 0;
      // The whole way is told once, by done().
      if (fraction >= 1) return;
      if (!moved && fraction < nextFraction && at - lastShown < LOG_EVERY_MS) return;
      while (nextFraction <= fraction) nextFraction += LOG_EVERY_FRACTION;
      lastShown = at;
      options.logger.info(fields(), line());
    },
    done() {
      finish('done');
    },
    failed() {
      finish('failed');
    },
  };
}
