/**
 * The elevator subgraph's part of the live view: each alarm change the followed feed reports becomes an
 * alarm event, and each district whose alarm figures it changed a figures event (the dashboard then
 * recounts that district only). The district comes from the index; an elevator the index does not yet
 * know (registered since its refresh) is read from the platform once.
 */
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { LiveEvent, PublishLive } from '../../graph/live-events.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type AlarmWindowChange, changeTime } from './alarm-window.ts';
import { districtOfCode } from './indexed-elevator.ts';
import type { ElevatorIndex, IndexSnapshot } from './register-index.ts';

/** After an index rebuild, every district's elevator figures were recounted: one figures event each. */
export function indexEventPublisher(publish: PublishLive): (snapshot: IndexSnapshot) => void {
  return (snapshot) => {
    const publishedAt = Date.now();
    const at = snapshot.refreshedAt.toISOString();
    publish(
      [...snapshot.aggregates.byDistrict.keys()].map((district) => ({
        type: 'figures',
        id: `figures:${district}:elevator:index:${at}`,
        district,
        systems: ['elevator'],
        at,
        publishedAt,
      })),
    );
  };
}

export function alarmEventPublisher(deps: {
  readonly index: ElevatorIndex;
  readonly port: Pick<ElevatorPort, 'elevatorsByCode'>;
  readonly publish: PublishLive;
  readonly logger: Logger;
}): (changes: readonly AlarmWindowChange[]) => void {
  const districtsOf = async (codes: readonly string[]): Promise<Map<string, string>> => {
    const { byCode } = await deps.index.current();
    const found = new Map<string, string>();
    const unknown = codes.filter((code) => {
      const district = districtOfCode(byCode, code);
      if (district !== undefined) found.set(code, district);
      return district === undefined;
    });
    if (unknown.length > 0) {
      const profiles = await deps.port.elevatorsByCode(unknown);
      profiles.forEach((p, i) => {
        if (p && !(p instanceof Error) && p.district !== null) found.set(unknown[i]!, p.district);
      });
    }
    return found;
  };
  return (changes) => {
    const publishedAt = Date.now();
    void districtsOf([...new Set(changes.map((c) => c.alarm.registrationCode))])
      .then((districts) => {
        const events: LiveEvent[] = changes.map(({ alarm, change }) => ({
          type: 'alarm',
          id: `alarm:${alarm.id}:${change}`,
          alarmId: alarm.id,
          change,
          kind: alarm.kind,
          district: districts.get(alarm.registrationCode) ?? '',
          at: changeTime(alarm, change)!.toISOString(),
          publishedAt,
        }));
        const recounted = new Set(events.map((e) => e.district).filter((d) => d !== ''));
        for (const district of recounted)
          events.push({
            type: 'figures',
            id: `figures:${district}:elevator:${events.map((e) => e.id).join(',')}`,
            district,
            systems: ['elevator'],
            at: new Date(publishedAt).toISOString(),
            publishedAt,
          });
        deps.publish(events);
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'live alarm events not published'));
  };
}
