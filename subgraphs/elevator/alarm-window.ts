/**
 * The alarms of the last 30 days (what the platform keeps), kept current by following the platform's
 * alarm feed (/openapi/v1/alarm/feed) by its cursor: a poll every pollMs reads what arrived since the
 * last one, so alarm, entrapment and rescue figures reflect a new alarm within one poll, not at the next
 * index refresh. The first read starts at the feed's beginning; every poll drops what has aged out, so
 * memory is bounded by the retained days (about 24,000 alarms at city scale). An alarm the feed sends
 * again (acceptance, arrival, release or closing recorded) replaces its earlier copy.
 * Once following, each new alarm and each new state of one held is told to `onChanges` (the live view's
 * events); the first read's backlog is history, not news, and is not told.
 */
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { Alarm } from '../../adapters/elevator/types.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Logger } from '../../runtime/logger.ts';
import { Poller } from '../../runtime/poller.ts';
import { ALARM_CHANGES, type AlarmChange } from '../../graph/live-events.ts';

/** One alarm's change seen in the feed. */
export interface AlarmWindowChange {
  readonly alarm: Alarm;
  readonly change: AlarmChange;
}

const DAY_MS = 86_400_000;
/** Days of alarms held: the platform's own retention, the longest period a rescue figure looks back over. */
export const ALARM_RETAIN_DAYS = 30;
/** The platform's cap on one feed read. */
const FEED_LIMIT = 500;

export interface AlarmWindowOptions {
  readonly port: Pick<ElevatorPort, 'alarmFeed'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Milliseconds between polls once started. */
  readonly pollMs: number;
  /** Told the changes of each poll that found any, once following the feed. */
  readonly onChanges?: (changes: readonly AlarmWindowChange[]) => void;
}

/** Where the window stands in the feed: catching up to its end (first read), then following it. */
type FeedPosition = { readonly phase: 'catching-up' | 'following'; readonly cursor: string | null };

export class AlarmWindow {
  private readonly alarms = new Map<string, Alarm>();
  private position: FeedPosition = { phase: 'catching-up', cursor: null };
  private reading: Promise<void> | undefined;
  private readonly poller: Poller;
  /** Changes whenever the window's content does: figures computed from it are reused until then. */
  version = 0;

  constructor(private readonly options: AlarmWindowOptions) {
    this.poller = new Poller(() => this.poll(), options.pollMs, options.logger, 'alarm feed poll');
  }

  /** Alarms held: at most those raised in the last ALARM_RETAIN_DAYS days as of the last read. */
  get size(): number {
    return this.alarms.size;
  }

  /** Alarms raised in the 24 hours before the clock's now; the first call waits for the first read. */
  last24h(): Promise<readonly Alarm[]> {
    return this.raisedWithin(DAY_MS);
  }

  /**
   * Alarms raised in the `ms` before the clock's now (after now − ms, at or before now; at most the
   * retained days); the first call waits for the first read.
   */
  async raisedWithin(ms: number): Promise<readonly Alarm[]> {
    if (this.position.phase === 'catching-up') await this.poll();
    const now = this.options.clock.now().getTime();
    return [...this.alarms.values()].filter((a) => a.raisedAt.getTime() > now - ms && a.raisedAt.getTime() <= now);
  }

  /** One alarm held (raised in the retained days as of the last read), by its id. */
  byId(id: string): Alarm | undefined {
    return this.alarms.get(id);
  }

  /** Reads the feed up to its end; concurrent callers share one read. */
  poll(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /** Polls every pollMs until stop(); a failed poll is logged and the next one resumes at the same cursor. */
  start(): void {
    this.poller.start();
  }

  /** Stops polling and waits for a read in flight, so nothing calls the platform after it returns. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.reading?.catch(() => undefined);
  }

  private async read(): Promise<void> {
    let skipped = 0;
    let received = 0;
    const changes: AlarmWindowChange[] = [];
    const following = this.position.phase === 'following';
    for (;;) {
      const page = await this.options.port.alarmFeed(this.position.cursor, FEED_LIMIT);
      for (const alarm of page.alarms) {
        if (alarm instanceof Error) skipped++;
        else {
          if (following) changes.push(...changesOf(this.alarms.get(alarm.id), alarm));
          this.alarms.set(alarm.id, alarm);
        }
      }
      received += page.alarms.length;
      this.position = { phase: this.position.phase, cursor: page.cursor };
      if (page.alarms.length < FEED_LIMIT) break;
    }
    const dropped = this.dropAged();
    this.position = { phase: 'following', cursor: this.position.cursor };
    if (received > 0 || dropped > 0) this.version++;
    if (skipped > 0) this.options.logger.warn({ skipped }, 'malformed alarms in the feed left out');
    if (changes.length > 0) this.options.onChanges?.(changes);
  }

  private dropAged(): number {
    const oldest = this.options.clock.now().getTime() - ALARM_RETAIN_DAYS * DAY_MS;
    let dropped = 0;
    for (const [id, alarm] of this.alarms) {
      if (alarm.raisedAt.getTime() <= oldest) {
        this.alarms.delete(id);
        dropped++;
      }
    }
    return dropped;
  }
}

/**
 * What a copy of an alarm says happened since the one held (none held: it was raised), in the order an
 * alarm passes its states: each step whose time the copy records and the held one did not.
 */
function changesOf(held: Alarm | undefined, alarm: Alarm): AlarmWindowChange[] {
  return ALARM_CHANGES.filter((change) =>
    change === 'RAISED' ? !held : changeTime(alarm, change) !== null && !held?.[CHANGE_TIMES[change]],
  ).map((change) => ({ alarm, change }));
}

/** The time field of the alarm that records each change after raising. */
const CHANGE_TIMES = {
  ACCEPTED: 'acceptedAt',
  RESCUER_ARRIVED: 'arrivedAt',
  RELEASED: 'resolvedAt',
  CLOSED: 'closedAt',
} as const satisfies Record<Exclude<AlarmChange, 'RAISED'>, keyof Alarm>;

/** When a change happened, as the alarm records it; null when it has not. */
export function changeTime(alarm: Alarm, change: AlarmChange): Date | null {
  return change === 'RAISED' ? alarm.raisedAt : alarm[CHANGE_TIMES[change]];
}
