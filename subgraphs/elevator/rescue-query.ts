/**
 * Entrapment rescue questions, answered from the followed alarm feed (alarm-window.ts, 30 days held) and
 * the index (which company maintains an elevator, in which district): each maintenance company's rescue
 * record, the rescues that arrived later than the target, and whether one alarm's did.
 */
import type { ResolverMap } from '../common/resolver-map.ts';
import { badUserInput } from '../../graph/errors.ts';
import type { Alarm } from '../../adapters/elevator/types.ts';
import type { Clock } from '../../runtime/clock.ts';
import { districtArg } from '../common/arguments.ts';
import { districtsToCover } from '../common/districts.ts';
import { type PageArgs, toConnection, toPage } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import { ALARM_RETAIN_DAYS, type AlarmWindow } from './alarm-window.ts';
import type { ElevatorLoaders } from './loaders.ts';
import { type IndexedElevator, districtOfCode } from './indexed-elevator.ts';
import type { ElevatorIndex } from './register-index.ts';
import { type MaintainerRescue, arrivalOverTarget, rescueByMaintainer } from './rescue.ts';

type Ctx = SubgraphContext<ElevatorLoaders>;
type PeriodArgs = PageArgs & { district?: string | null; days: number };

const DAY_MS = 86_400_000;

export function rescueResolvers(deps: {
  clock: Clock;
  index: ElevatorIndex;
  alarms: AlarmWindow;
  targetMinutes: number;
}): ResolverMap<Ctx> {
  const { clock, index, alarms, targetMinutes } = deps;

  /** The alarms of the period asked, on the elevators of the district named and the caller's districts. */
  async function alarmsOf(
    args: PeriodArgs,
    ctx: Ctx,
  ): Promise<{ alarms: readonly Alarm[]; nowMs: number; byCode: ReadonlyMap<string, IndexedElevator> }> {
    if (!Number.isInteger(args.days) || args.days < 1 || args.days > ALARM_RETAIN_DAYS)
      throw badUserInput(
        `days must be a whole number from 1 to ${ALARM_RETAIN_DAYS} (the alarms the platform keeps)`,
        'days',
      );
    const district = args.district == null ? undefined : districtArg(args.district, 'district');
    const covered = districtsToCover(ctx.caller, district);
    const [window, snapshot] = await Promise.all([alarms.raisedWithin(args.days * DAY_MS), index.current()]);
    const { byCode } = snapshot;
    return {
      alarms:
        covered === undefined
          ? window
          : window.filter((a) => covered.includes(districtOfCode(byCode, a.registrationCode) ?? '')),
      nowMs: clock.now().getTime(),
      byCode,
    };
  }

  return {
    Query: {
      async rescuePerformance(_: unknown, args: PeriodArgs, ctx: Ctx) {
        const page = toPage(args);
        const { alarms: period, nowMs, byCode } = await alarmsOf(args, ctx);
        const ranking = rescueByMaintainer(period, byCode, nowMs, targetMinutes);
        return {
          ...toConnection(ranking.slice(page.offset, page.offset + page.limit), page, ranking.length),
          targetMinutes,
        };
      },
      async rescueArrivalBreaches(_: unknown, args: PeriodArgs, ctx: Ctx) {
        const page = toPage(args);
        const { alarms: period, nowMs } = await alarmsOf(args, ctx);
        const breaches = period
          .filter((a) => arrivalOverTarget(a, nowMs, targetMinutes) === true)
          .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime() || a.id.localeCompare(b.id));
        return toConnection(breaches.slice(page.offset, page.offset + page.limit), page, breaches.length);
      },
    },
    MaintainerRescue: {
      company: (r: MaintainerRescue) => ({ uscc: r.uscc }),
      breachRatio: (r: MaintainerRescue) => r.arrivalBreaches / r.entrapments,
    },
    ElevatorAlarm: {
      arrivalOverTarget: (a: Alarm) => arrivalOverTarget(a, clock.now().getTime(), targetMinutes),
    },
  };
}
