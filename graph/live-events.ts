/**
 * The events of the live view (docs/graph-guide.md, "Subscriptions"): what a feed follower publishes
 * on the bus and what the gateway turns into subscription answers. Plain JSON, so they cross worker
 * threads and Redis unchanged. An event names its keys only (an alarm's id, a district's code); the
 * gateway resolves the rest through the graph with each subscriber's rights.
 */

/**
 * The states of an alarm the platform's feed reports, in the order an alarm passes them: raised,
 * accepted (接警), rescuer on site, released, closed (结案).
 */
export const ALARM_CHANGES = ['RAISED', 'ACCEPTED', 'RESCUER_ARRIVED', 'RELEASED', 'CLOSED'] as const;
export type AlarmChange = (typeof ALARM_CHANGES)[number];

interface AlarmLiveEvent {
  readonly type: 'alarm';
  /** Unique per alarm and change: replicas of a publisher yield the same id, so a duplicate is dropped. */
  readonly id: string;
  readonly alarmId: string;
  readonly change: AlarmChange;
  /** The alarm's kind (ElevatorAlarmKind). */
  readonly kind: string;
  /** Today's code of the elevator's district; '' when the platform's code is no Shanghai district. */
  readonly district: string;
  /** When the change happened (ISO instant, the platform's time). */
  readonly at: string;
  /** When the publisher saw it (epoch ms): delivery latency is measured from here. */
  readonly publishedAt: number;
}

interface FiguresLiveEvent {
  readonly type: 'figures';
  readonly id: string;
  readonly district: string;
  /** The systems whose counted figures of the district were recounted. */
  readonly systems: readonly string[];
  readonly at: string;
  readonly publishedAt: number;
}

export type LiveEvent = AlarmLiveEvent | FiguresLiveEvent;

/** Where a feed follower hands its events: the bus of its process, or the gateway's thread (embedded start). */
export type PublishLive = (events: readonly LiveEvent[]) => void;

/** Whether a value read off a bus is an event this version knows (a newer publisher's may not be). */
export function isLiveEvent(value: unknown): value is LiveEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const common = typeof v.id === 'string' && typeof v.district === 'string' && typeof v.publishedAt === 'number';
  if (v.type === 'alarm')
    return common && typeof v.alarmId === 'string' && ALARM_CHANGES.includes(v.change as AlarmChange);
  return common && v.type === 'figures' && Array.isArray(v.systems);
}
