/**
 * The credit platform's side of the exchange directory: it drops the full snapshot, then one
 * increment file per dataset and day, each followed by its done-marker. Faults for tests and demos:
 * `latencyMs` holds the marker back (a slow transfer), `errorRate` delivers a file in UTF-8 instead of
 * GBK (undecodable as a whole), `outage` withholds drops altogether.
 */
import { mkdir } from 'node:fs/promises';
import type { CreditChange, World } from '../seed/world.ts';
import { type BadRowKind, type PlantedBadRow, BAD_ROW_KINDS, encodeWithBadRows } from './bad-rows.ts';
import {
  DATASET_ORDER,
  type DatasetCode,
  type FeedState,
  HEADERS,
  type Row,
  feedStateOf,
  incrementRows,
  snapshotRows,
} from './datasets.ts';
import { type FileKind, csvLine, deliver, dropFileName, fileBody } from './files.ts';
import { type CommonFaults, type FaultControl, NO_FAULTS, faultsFor } from '../faults.ts';

/**
 * latencyMs holds a file's marker back (a slow transfer); errorRate: share of dropped files delivered
 * in the wrong encoding, 0..1 (deterministic sequence); outage: nothing is dropped; hang: a file is
 * delivered without its marker (a transfer that never completes).
 */
export type CreditFaults = CommonFaults;

export interface DroppedFile {
  readonly name: string;
  readonly dataset: DatasetCode;
  readonly kind: FileKind;
  readonly date: string;
  /** Good data rows (planted bad rows not counted). */
  readonly rows: number;
  /** Delivered in UTF-8: no reader can decode it as the GBK it claims to be. */
  readonly undecodable: boolean;
}

/** Where bad rows are planted (see README): every kind in the register snapshot, a few elsewhere. */
const SNAPSHOT_PLANTING: Partial<Record<DatasetCode, readonly BadRowKind[]>> = {
  QYJBXX: BAD_ROW_KINDS,
  QYNB: ['INVALID_USCC'],
  XZCF: ['UNPARSEABLE_DATE', 'DUPLICATE_ROW'],
};
const FIRST_INCREMENT_PLANTING: readonly BadRowKind[] = ['INVALID_USCC', 'BROKEN_ENCODING'];

export class CreditFeed {
  readonly dropped: DroppedFile[] = [];
  readonly badRows: PlantedBadRow[] = [];
  private faults: CreditFaults = NO_FAULTS;
  private state: FeedState | undefined;
  private incrementsDropped = 0;
  private readonly random: () => number;
  private readonly plant: boolean;

  constructor(
    readonly dir: string,
    options: { plantBadRows?: boolean; seed?: number } = {},
  ) {
    this.plant = options.plantBadRows ?? true;
    this.random = mulberry32(options.seed ?? 6);
  }

  setFaults(faults: Partial<CreditFaults>): void {
    const next = { ...this.faults, ...faults };
    if (!(next.errorRate >= 0 && next.errorRate <= 1))
      throw new Error(`CreditFeed.setFaults: errorRate must be 0..1, got ${next.errorRate}`);
    if (!(next.latencyMs >= 0)) throw new Error(`CreditFeed.setFaults: latencyMs must be >= 0, got ${next.latencyMs}`);
    this.faults = next;
  }

  /** The modes of legacy/faults.ts (down, slow, errors, hang, heal), for the admin route. */
  readonly faultControl: FaultControl = {
    apply: (request) => this.setFaults(faultsFor(request)),
    state: () => ({ ...this.faults }),
  };

  async dropSnapshot(world: World): Promise<DroppedFile[]> {
    const { snapshot, snapshotOn } = world.credit;
    this.state = feedStateOf(snapshot);
    const all = snapshotRows(snapshot, this.state.names, snapshotOn);
    const out: DroppedFile[] = [];
    for (const dataset of DATASET_ORDER) {
      const file = await this.dropFile(
        dataset,
        'FULL',
        snapshotOn,
        all[dataset],
        this.plant ? (SNAPSHOT_PLANTING[dataset] ?? []) : [],
      );
      if (file) out.push(file);
    }
    return out;
  }

  /** Drops one day's increment files (only datasets that changed that day), in dataset order. */
  async dropDay(date: string, changes: readonly CreditChange[]): Promise<DroppedFile[]> {
    if (!this.state) throw new Error('CreditFeed.dropDay: drop the snapshot first');
    const byDataset = incrementRows(changes, this.state);
    const out: DroppedFile[] = [];
    for (const dataset of DATASET_ORDER) {
      const rows = byDataset.get(dataset);
      if (!rows) continue;
      const planting = this.plant && this.incrementsDropped === 0 ? FIRST_INCREMENT_PLANTING : [];
      const file = await this.dropFile(dataset, 'INC', date, rows, planting);
      if (file) {
        this.incrementsDropped++;
        out.push(file);
      }
    }
    return out;
  }

  private async dropFile(
    dataset: DatasetCode,
    kind: FileKind,
    date: string,
    rows: readonly Row[],
    planting: readonly BadRowKind[],
  ): Promise<DroppedFile | undefined> {
    if (this.faults.outage) return undefined;
    await mkdir(this.dir, { recursive: true });
    const name = dropFileName(dataset, kind, date);
    const undecodable = this.faults.errorRate > 0 && this.random() < this.faults.errorRate;
    let body: Buffer;
    if (undecodable) {
      body = Buffer.from(
        [csvLine([...HEADERS[dataset]]), ...rows.map(csvLine)].map((l) => `${l}\r\n`).join(''),
        'utf8',
      );
    } else {
      const { lines, planted } = encodeWithBadRows(name, dataset, rows, planting);
      body = fileBody(lines);
      this.badRows.push(...planted);
    }
    await deliver(this.dir, name, body, this.faults.latencyMs, this.faults.hang);
    const file: DroppedFile = { name, dataset, kind, date, rows: rows.length, undecodable };
    this.dropped.push(file);
    return file;
  }
}

/** Groups the world's increments by day, in date order. */
function incrementDays(changes: readonly CreditChange[]): [string, CreditChange[]][] {
  const days = new Map<string, CreditChange[]>();
  for (const c of changes) {
    const day = days.get(c.on);
    if (day) day.push(c);
    else days.set(c.on, [c]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b));
}

/** Writes the full snapshot and every daily increment of the world; returns the feed to drop more. */
export async function prepareCredit(
  world: World,
  dropDir: string,
  options: { plantBadRows?: boolean } = {},
): Promise<CreditFeed> {
  const feed = new CreditFeed(dropDir, { ...options, seed: world.seed });
  await feed.dropSnapshot(world);
  for (const [date, changes] of incrementDays(world.credit.increments)) await feed.dropDay(date, changes);
  return feed;
}

/** A small deterministic PRNG, so fault sequences repeat run after run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
