/**
 * Records signed per operator certificate per day (借证挂靠 shows as one certificate on more
 * elevators a day than one person can service). Read live: the company's records in the window,
 * page by page; a window too large to read at query time is refused rather than served slowly.
 * Within one request a company's workload is read once, whatever the number of parents asking for it
 * (the `workload` loader), and all companies together read at most MAX_WORKLOAD_PAGES_PER_REQUEST
 * pages: a list of 100 companies cannot turn into 20,000 platform calls.
 */
import { badUserInput } from '../../graph/errors.ts';
import type { ElevatorPort } from '../../adapters/elevator/port.ts';
import type { MaintenanceRecord } from '../../adapters/elevator/types.ts';
import { addDays } from '../../runtime/clock.ts';

const PAGE = 100;
const MAX_WORKLOAD_RECORDS = 20_000;
const MAX_WORKLOAD_DAYS = 31;
/** Pages of records one request may read for all the workloads it asks (20,000 records). */
export const MAX_WORKLOAD_PAGES_PER_REQUEST = MAX_WORKLOAD_RECORDS / PAGE;

/** The pages a request has left for workloads; one per request (its loaders). */
export class WorkloadBudget {
  private left = MAX_WORKLOAD_PAGES_PER_REQUEST;

  /** Takes `pages` or refuses with BAD_USER_INPUT, saying why. */
  take(pages: number): void {
    if (pages > this.left)
      throw badUserInput(
        `operatorWorkload reads at most ${MAX_WORKLOAD_RECORDS} records per request across all companies; ` +
          'ask for fewer companies or fewer days',
        'days',
      );
    this.left -= pages;
  }
}

export interface OperatorWorkload {
  readonly from: string;
  readonly to: string;
  readonly records: number;
  readonly operatorDays: number;
  readonly averageRecordsPerOperatorDay: number | null;
  readonly busiestOperatorDay: { certificate: { number: string }; date: string; records: number } | null;
}

export async function operatorWorkload(
  port: ElevatorPort,
  companyUscc: string,
  today: string,
  days: number,
  budget: WorkloadBudget = new WorkloadBudget(),
): Promise<OperatorWorkload> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKLOAD_DAYS)
    throw badUserInput(`days must be from 1 to ${MAX_WORKLOAD_DAYS}, got ${days}`, 'days');
  const from = addDays(today, 1 - days);
  const records: MaintenanceRecord[] = [];
  budget.take(1);
  for (let offset = 0; ; offset += PAGE) {
    const page = await port.maintenanceRecords({ companyUscc, from, to: today }, { offset, limit: PAGE });
    if (page.total > MAX_WORKLOAD_RECORDS)
      throw badUserInput(
        `operatorWorkload would read ${page.total} records (over ${MAX_WORKLOAD_RECORDS}); ask for fewer days`,
        'days',
      );
    if (offset === 0) budget.take(Math.max(0, Math.ceil(page.total / PAGE) - 1));
    // A malformed record cannot be attributed to an operator; it is logged by the adapter and left out.
    for (const item of page.items) if (!(item instanceof Error)) records.push(item);
    if (offset + PAGE >= page.total || page.items.length === 0) break;
  }
  const perOperatorDay = new Map<string, number>();
  for (const r of records) {
    for (const number of r.certificateNumbers) {
      const key = `${number}|${r.date}`;
      perOperatorDay.set(key, (perOperatorDay.get(key) ?? 0) + 1);
    }
  }
  let busiest: OperatorWorkload['busiestOperatorDay'] = null;
  let signed = 0;
  for (const [key, count] of perOperatorDay) {
    signed += count;
    if (!busiest || count > busiest.records) {
      const [number = '', date = ''] = key.split('|');
      busiest = { certificate: { number }, date, records: count };
    }
  }
  return {
    from,
    to: today,
    records: records.length,
    operatorDays: perOperatorDay.size,
    averageRecordsPerOperatorDay:
      perOperatorDay.size === 0 ? null : Math.round((signed / perOperatorDay.size) * 100) / 100,
    busiestOperatorDay: busiest,
  };
}
