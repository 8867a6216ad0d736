/**
 * The platform's record shapes as they arrive, checked by zod where they enter. Field names are the
 * platform's (pinyin abbreviations); they go no further than mapper.ts.
 */
import { z } from 'zod';

const millis = z.number().int().nonnegative();
const zcdm = z.string().regex(/^\d{20}$/, 'zcdm is not a 20-digit registration code');
const uscc = z.string().length(18);
const flag = z.enum(['0', '1']);

export const platformElevator = z.object({
  zcdm,
  ewmbh: z.string().min(1),
  sblb: z.string().regex(/^[0-9A-Z]{4}$/),
  azdz: z.string(),
  qxdm: z.string(),
  jdmc: z.string(),
  csyt: z.string(),
  cs: z.number().int().min(1).max(300),
  sd: z.string().regex(/^\d+(\.\d+)?$/, 'sd is not a speed'),
  zzdwmc: z.string(),
  azrq: millis,
  wbdwTyshxydm: uscc,
  sydwTyshxydm: uscc,
  // Empty when the platform did not record the installer (older installations).
  azdwTyshxydm: z.union([uscc, z.literal('')]),
  ycjkBz: flag,
  axwbBz: flag,
  bxBz: flag,
  sbzt: z.enum(['1', '2', '3']),
  // The old-elevator programme's fields; absent from platform versions before it (read as none).
  aqpgRq: millis.optional(),
  aqpgJl: z.enum(['', '1', '2', '3']).optional(),
  cscs: z.enum(['', '2', '3']).optional(),
  jzdtBz: flag.optional(),
});
export type PlatformElevator = z.infer<typeof platformElevator>;

export const platformMaintenance = z.object({
  wbjlbh: z.string().min(1),
  zcdm,
  wbrq: millis,
  wblx: z.enum(['1', '2', '3', '4', '5']),
  wbdwTyshxydm: uscc,
  wbryZsbh: z.string(),
  wbsc: z.number().int().nonnegative(),
  wbxm: z.array(z.string()),
});
export type PlatformMaintenance = z.infer<typeof platformMaintenance>;

/** The time each state code records: a state whose time is 0 contradicts itself. */
const ALARM_STATE_TIME = { '2': 'jjsj', '3': 'ddsj', '4': 'jcsj', '5': 'jasj' } as const;

export const platformAlarm = z
  .object({
    xh: z.number().int().positive(),
    bjbh: z.string().min(1),
    zcdm,
    bjlx: z.enum(['01', '02', '03', '04', '05']),
    bjly: z.enum(['A', 'B', 'C', 'D']),
    bjsj: millis.positive(),
    jjsj: millis,
    ddsj: millis,
    jcsj: millis,
    jasj: millis,
    // 1 待接警 · 2 已接警 · 3 已到达 · 4 已解除 · 5 已结案
    bjzt: z.enum(['1', '2', '3', '4', '5'], { error: 'bjzt is not an alarm state code (1-5)' }),
  })
  .superRefine((r, ctx) => {
    const time = r.bjzt === '1' ? undefined : ALARM_STATE_TIME[r.bjzt];
    if (time !== undefined && r[time] === 0)
      ctx.addIssue({ code: 'custom', path: ['bjzt'], message: `state ${r.bjzt} without its time ${time}` });
  });
export type PlatformAlarm = z.infer<typeof platformAlarm>;

/** Envelope and data shapes; records stay unknown here and are checked one by one. */
export const envelope = z.object({ code: z.number().int(), msg: z.string().nullable().optional(), data: z.unknown() });
export const pageData = z.object({ total: z.number().int().nonnegative(), records: z.array(z.unknown()) });
export const batchData = z.object({ records: z.array(z.unknown()), notFound: z.array(z.string()).optional() });
export const feedData = z.object({ records: z.array(z.unknown()), nextSince: z.number().int().nonnegative() });
