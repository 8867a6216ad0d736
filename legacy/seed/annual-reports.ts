/**
 * Annual reports (年报) for the two previous years and the abnormal-operation listings (经营异常名录)
 * that a missing report brings on 1 July. Reports for year Y are due 1 January to 30 June of Y+1.
 * Planted: a few licence holders with no report for the previous year; a few other enterprises too; as
 * near-miss, a holder first licensed after that year's end with no report for it (it owes none as a licence
 * holder: legacy seed README "Annual reports"). Public institutions (事业单位) file none here: they report to their
 * own registration authority (README "Public institutions").
 */
import type { SeedContext } from './context.ts';
import { isoDate, toDay } from './dates.ts';
import { authorityOf, isEnterprise } from './enterprises.ts';
import type { Random } from './random.ts';
import { PLANT_RATES, RULES } from './rules.ts';
import type { CreditChange, WorldAbnormalListing, WorldAnnualReport, WorldEnterprise } from './world.ts';

const LATE_SHARE = 0.06;
const UNLICENSED_MISSING_SHARE = 0.03;

export function annualReportsAndListings(
  ctx: SeedContext,
  random: Random,
  enterprises: readonly WorldEnterprise[],
  /** Licence holders and the day each was first licensed. */
  licenceHolders: ReadonlyMap<string, string>,
  snapshotDay: number,
) {
  const snapshot: WorldAnnualReport[] = [];
  const listings: WorldAbnormalListing[] = [];
  const changes: CreditChange[] = [];
  const previousYear = Number(ctx.asOf.slice(0, 4)) - 1;
  const yearEnd = `${previousYear}-12-31`;
  const holders = enterprises.filter((e) => isEnterprise(e) && (licenceHolders.get(e.uscc) ?? '9999') <= yearEnd);
  const missing = new Set(
    random
      .sample(holders, Math.max(2, Math.round(holders.length * PLANT_RATES.missingAnnualReports)))
      .map((e) => e.uscc),
  );
  ctx.planted.missingAnnualReports.push(...missing);
  const licensedLater = enterprises.filter(
    (e) => isEnterprise(e) && (licenceHolders.get(e.uscc) ?? '') > yearEnd && e.establishedOn <= yearEnd,
  );
  for (const e of random.sample(licensedLater, Math.min(2, licensedLater.length))) {
    missing.add(e.uscc);
    ctx.planted.licensedAfterYearWithoutReport.push(e.uscc);
  }

  for (const e of enterprises.filter(isEnterprise)) {
    for (const year of [previousYear - 1, previousYear]) {
      if (e.establishedOn > `${year}-12-31`) continue;
      const due = toDay(`${year + 1}-${RULES.annualReportDueMonthDay}`);
      const opens = toDay(`${year + 1}-01-02`);
      const isMissing =
        year === previousYear &&
        (missing.has(e.uscc) || (!licenceHolders.has(e.uscc) && random.chance(UNLICENSED_MISSING_SHARE)));
      const late = random.chance(LATE_SHARE);
      const filedDay = isMissing
        ? null
        : late
          ? random.int(due + 1, Math.min(due + 150, ctx.asOfDay))
          : random.int(opens, Math.min(due, ctx.asOfDay));
      if (filedDay !== null && filedDay > ctx.asOfDay) continue;
      if (filedDay !== null) {
        const report: WorldAnnualReport = { uscc: e.uscc, year, filedOn: isoDate(filedDay), onTime: filedDay <= due };
        if (filedDay > snapshotDay) changes.push({ kind: 'annualReport', on: report.filedOn, report });
        else snapshot.push(report);
      }
      if (filedDay !== null && filedDay <= due) continue;
      // Not filed by 30 June: listed in the first fortnight of July, removed a few days after filing.
      const listedDay = due + random.int(1, 14);
      if (listedDay > ctx.asOfDay || (filedDay !== null && filedDay <= listedDay)) continue;
      const listedBy = authorityOf(e.district);
      const listing: WorldAbnormalListing = {
        uscc: e.uscc,
        reason: 1,
        listedOn: isoDate(listedDay),
        listedBy,
        removedOn: null,
        removalReason: null,
        removedBy: null,
      };
      if (listedDay > snapshotDay) changes.push({ kind: 'abnormal', on: listing.listedOn, listing });
      else listings.push(listing);
      if (filedDay === null) continue;
      const removedDay = filedDay + random.int(1, 10);
      if (removedDay > ctx.asOfDay) continue;
      const removal = { removedOn: isoDate(removedDay), removalReason: '补报年度报告', removedBy: listedBy };
      if (removedDay > snapshotDay)
        changes.push({ kind: 'abnormalRemoved', on: removal.removedOn, uscc: e.uscc, reason: 1, ...removal });
      else Object.assign(listing, removal);
    }
  }
  return { snapshot, listings, changes };
}
