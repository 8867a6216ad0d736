/** Resolvers of the elevator subgraph: the port only, through per-request loaders; no legacy names. */
import type { ResolverMap } from '../common/resolver-map.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { Alarm, AlarmKind, ElevatorProfile, MaintenanceRecord } from '../../adapters/elevator/types.ts';
import { parseRegistrationCode } from '../../reference/index.ts';
import { type Clock, shanghaiDate } from '../../runtime/clock.ts';
import { toConnection, toPage, type PageArgs } from '../common/connection.ts';
import type { SubgraphContext } from '../common/context.ts';
import { DateScalar, DateTimeScalar } from '../common/scalars.ts';
import type { ElevatorLoaders } from './loaders.ts';
import {
  type MaintenanceRules,
  isMaintenanceOverdue,
  isOnDemandCandidate,
  isOnDemandEligible,
  yearsSince,
} from './rules.ts';

type Ctx = SubgraphContext<ElevatorLoaders>;

export interface ElevatorResolverDeps {
  readonly adapter: ElevatorPort;
  readonly clock: Clock;
  readonly rules: MaintenanceRules;
}

export function elevatorResolvers({ adapter, clock, rules }: ElevatorResolverDeps): ResolverMap<Ctx> {
  const today = () => shanghaiDate(clock.now());

  /** The other systems are asked only about elevators the platform shows as enrolled, monitored and insured. */
  async function onDemandEligible(p: ElevatorProfile, ctx: Ctx): Promise<boolean> {
    if (!isOnDemandCandidate(p)) return false;
    const asValue = <T>(pending: Promise<T>) =>
      pending.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const [riskClass, inspection] = await Promise.all([
      asValue(ctx.loaders.riskClass.load(p.maintainerUscc)),
      asValue(ctx.loaders.latestInspection.load(p.registrationCode)),
    ]);
    return isOnDemandEligible(p, riskClass, inspection, today());
  }

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Equipment: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      // A malformed code cannot be on the platform: null, without asking it.
      elevator: (eq: { code: string }, _: unknown, ctx: Ctx) =>
        parseRegistrationCode(eq.code).ok ? ctx.loaders.elevator.load(eq.code) : null,
    },
    Enterprise: {
      __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }),
    },
    ElevatorProfile: {
      equipment: (p: ElevatorProfile) => ({ code: p.registrationCode }),
      district: (p: ElevatorProfile) => (p.district === null ? null : { code: p.district }),
      recordedDistrictCode: (p: ElevatorProfile) => p.recordedDistrict,
      ageYears: (p: ElevatorProfile) => yearsSince(p.installedOn, today()),
      maintainer: (p: ElevatorProfile) => ({ uscc: p.maintainerUscc }),
      userUnit: (p: ElevatorProfile) => ({ uscc: p.userUscc }),
      async maintenanceRecords(p: ElevatorProfile, args: PageArgs & { from?: string | null; to?: string | null }) {
        const page = toPage(args);
        const slice = await adapter.maintenanceRecords(
          { registrationCode: p.registrationCode, from: args.from ?? undefined, to: args.to ?? undefined },
          page,
        );
        return toConnection(slice.items, page, slice.total);
      },
      lastMaintenance: (p: ElevatorProfile, _: unknown, ctx: Ctx) =>
        ctx.loaders.lastMaintenance.load(p.registrationCode),
      onDemandEligible: (p: ElevatorProfile, _: unknown, ctx: Ctx) => onDemandEligible(p, ctx),
      async maintenanceOverdue(p: ElevatorProfile, _: unknown, ctx: Ctx) {
        const [last, eligible] = await Promise.all([
          ctx.loaders.lastMaintenance.load(p.registrationCode),
          onDemandEligible(p, ctx),
        ]);
        return isMaintenanceOverdue(p, last?.date ?? null, today(), rules, eligible);
      },
      async alarms(p: ElevatorProfile, args: PageArgs & { kind?: AlarmKind | null }) {
        const page = toPage(args);
        const slice = await adapter.alarms(
          { registrationCode: p.registrationCode, kind: args.kind ?? undefined },
          page,
        );
        return toConnection(slice.items, page, slice.total);
      },
    },
    ElevatorMaintenanceRecord: {
      company: (r: MaintenanceRecord) => ({ uscc: r.companyUscc }),
      signedBy: (r: MaintenanceRecord) => r.certificateNumbers.map((number) => ({ number })),
      signedCertificateNumbers: (r: MaintenanceRecord) => r.certificateNumbers,
    },
    ElevatorAlarm: {
      equipment: (a: Alarm) => ({ code: a.registrationCode }),
      arrivalMinutes: (a: Alarm) =>
        a.arrivedAt === null ? null : Math.round((a.arrivedAt.getTime() - a.raisedAt.getTime()) / 60_000),
    },
  };
}
