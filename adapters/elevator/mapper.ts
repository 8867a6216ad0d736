/**
 * Allow-list mapping from platform records to domain types: every domain field is named here, every
 * other platform field is dropped. A record that fails its schema becomes LEGACY_BAD_DATA for its key.
 */
import type { z } from 'zod';
import { LegacyError } from '../../graph/errors.ts';
import { currentDistrict } from '../../reference/index.ts';
import { shanghaiDate } from '../../runtime/clock.ts';
import {
  type PlatformAlarm,
  type PlatformElevator,
  type PlatformMaintenance,
  platformAlarm,
  platformElevator,
  platformMaintenance,
} from './records.ts';
import type {
  Alarm,
  AlarmKind,
  AssessmentConclusion,
  AlarmSource,
  AlarmState,
  ElevatorProfile,
  ElevatorStatus,
  ElevatorUsage,
  MaintenanceKind,
  MaintenanceRecord,
} from './types.ts';

const USAGE: Readonly<Record<string, ElevatorUsage>> = {
  '01': 'RESIDENTIAL',
  '02': 'PUBLIC',
  '03': 'COMMERCIAL',
  '04': 'INDUSTRIAL',
  '05': 'OFFICE',
  '06': 'HOSPITAL',
  '07': 'SCHOOL',
  '08': 'TRANSPORT',
};
const CONCLUSION: Readonly<Record<'1' | '2' | '3', AssessmentConclusion>> = {
  '1': 'CONTINUE_USE',
  '2': 'MAJOR_REPAIR',
  '3': 'RENEWAL',
};
const STATUS: Readonly<Record<PlatformElevator['sbzt'], ElevatorStatus>> = {
  '1': 'IN_USE',
  '2': 'SUSPENDED',
  '3': 'SCRAPPED',
};
const MAINTENANCE_KIND: Readonly<Record<PlatformMaintenance['wblx'], MaintenanceKind>> = {
  '1': 'HALF_MONTHLY',
  '2': 'QUARTERLY',
  '3': 'HALF_YEARLY',
  '4': 'YEARLY',
  '5': 'ON_DEMAND',
};
const ALARM_KIND: Readonly<Record<PlatformAlarm['bjlx'], AlarmKind>> = {
  '01': 'ENTRAPMENT',
  '02': 'FAULT',
  '03': 'DOOR_OPEN_MOVING',
  '04': 'OVER_SPEED',
  '05': 'POWER_LOSS',
};
const ALARM_SOURCE: Readonly<Record<PlatformAlarm['bjly'], AlarmSource>> = {
  A: 'INTERCOM',
  B: 'QR_CODE',
  C: 'SENSOR',
  D: 'POLICE_110',
};

const ALARM_STATE: Readonly<Record<PlatformAlarm['bjzt'], AlarmState>> = {
  '1': 'RAISED',
  '2': 'ACCEPTED',
  '3': 'RESCUER_ARRIVED',
  '4': 'RELEASED',
  '5': 'CLOSED',
};

export const ALARM_KIND_CODE = Object.fromEntries(
  Object.entries(ALARM_KIND).map(([code, kind]) => [kind, code]),
) as Record<AlarmKind, string>;

/** The registration code of a raw record, when it has a readable one: the key its error belongs to. */
export function recordKey(raw: unknown): string | undefined {
  const zcdm = (raw as { zcdm?: unknown } | null)?.zcdm;
  return typeof zcdm === 'string' ? zcdm : undefined;
}

function checked<S extends z.ZodType, T>(
  schema: S,
  what: string,
  map: (r: z.infer<S>) => T,
): (raw: unknown) => T | LegacyError {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return map(parsed.data);
    const key = recordKey(raw);
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid';
    return new LegacyError(
      'LEGACY_BAD_DATA',
      'elevator',
      `elevator platform sent a malformed ${what}${key ? ` for ${key}` : ''} (${detail})`,
      key === undefined ? {} : { key },
    );
  };
}

const instantOrNull = (ms: number): Date | null => (ms === 0 ? null : new Date(ms));

export const toElevatorProfile = checked(platformElevator, 'elevator record', (r): ElevatorProfile => ({
  registrationCode: r.zcdm,
  qrId: r.ewmbh,
  catalogueCode: r.sblb,
  address: r.azdz,
  district: currentDistrict(r.qxdm)?.code ?? null,
  recordedDistrict: r.qxdm,
  subDistrict: r.jdmc,
  usage: USAGE[r.csyt] ?? null,
  floors: r.cs,
  speed: Number(r.sd),
  manufacturer: r.zzdwmc,
  installedOn: shanghaiDate(new Date(r.azrq)),
  maintainerUscc: r.wbdwTyshxydm,
  userUscc: r.sydwTyshxydm,
  installerUscc: r.azdwTyshxydm === '' ? null : r.azdwTyshxydm,
  remoteMonitoring: r.ycjkBz === '1',
  onDemand: r.axwbBz === '1',
  insured: r.bxBz === '1',
  status: STATUS[r.sbzt],
  safetyAssessment:
    r.aqpgRq && r.aqpgJl
      ? {
          assessedOn: shanghaiDate(new Date(r.aqpgRq)),
          conclusion: CONCLUSION[r.aqpgJl],
          decision: r.cscs ? (CONCLUSION[r.cscs] as 'MAJOR_REPAIR' | 'RENEWAL') : null,
        }
      : null,
  addedToExistingBuilding: r.jzdtBz === '1',
}));

export const toMaintenanceRecord = checked(platformMaintenance, 'maintenance record', (r): MaintenanceRecord => ({
  id: r.wbjlbh,
  registrationCode: r.zcdm,
  performedAt: new Date(r.wbrq),
  date: shanghaiDate(new Date(r.wbrq)),
  kind: MAINTENANCE_KIND[r.wblx],
  companyUscc: r.wbdwTyshxydm,
  certificateNumbers: r.wbryZsbh
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
  durationMinutes: r.wbsc,
  items: r.wbxm,
}));

export const toAlarm = checked(platformAlarm, 'alarm', (r): Alarm => ({
  id: r.bjbh,
  registrationCode: r.zcdm,
  kind: ALARM_KIND[r.bjlx],
  source: ALARM_SOURCE[r.bjly],
  state: ALARM_STATE[r.bjzt],
  raisedAt: new Date(r.bjsj),
  acceptedAt: instantOrNull(r.jjsj),
  arrivedAt: instantOrNull(r.ddsj),
  resolvedAt: instantOrNull(r.jcsj),
  closedAt: instantOrNull(r.jasj),
}));
